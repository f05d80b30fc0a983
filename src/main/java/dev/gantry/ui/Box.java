package dev.gantry.ui;

/**
 * One box of a run's flow: the stage ({@code pre-integration}), where it is ({@code pending}, {@code running},
 * {@code passed}, {@code failed}, {@code cancelled}, or {@code skipped} when the run ended without it) and how long it
 * took or has taken so far (empty before it starts); {@code alongside} names the stage it runs side by side with, the
 * box before it (the tests while the image builds), or is empty.
 */
public record Box(String stage, String state, String duration, String alongside) {
}
