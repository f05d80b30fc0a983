package dev.gantry.ui;

/** The login page: why the last try was refused, if it was (else null). */
public record LoginView(Frame frame, String error) {
}
