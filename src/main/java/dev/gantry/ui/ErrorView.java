package dev.gantry.ui;

/** The page of a request the UI refuses or cannot answer: a heading and what to do. */
public record ErrorView(Frame frame, String heading, String message) {
}
