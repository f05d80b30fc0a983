package dev.gantry.ui;

/**
 * What a live stream says when what it follows ends ({@code what}: the run, or a stage whose log it follows): how
 * ({@code state}) and where to read all of it.
 */
public record EndedView(String what, String state, String href) {
}
