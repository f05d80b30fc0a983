package dev.gantry.ui;

/** What the run page's live update says when the run ends: how ({@code state}) and where to read all of it. */
public record EndedView(String state, String href) {
}
