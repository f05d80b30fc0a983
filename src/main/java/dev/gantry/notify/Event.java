package dev.gantry.notify;

/** How a run ended, as notifications name it. */
public enum Event {
    /** A run or deploy put its release live. */
    SUCCEEDED,
    /** A run, deploy or rollback failed; production was restored unless the notification says otherwise. */
    FAILED,
    /** A {@code gantry rollback} put the previous release live again. */
    ROLLED_BACK;

    /** The word used in config ({@code on:}) and in the bodies: succeeded, failed, rolled-back. */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }
}
