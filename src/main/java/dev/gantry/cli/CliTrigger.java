package dev.gantry.cli;

import dev.gantry.lock.Owner;

/** Who starts a run from the command line, for the run records and the audit log. */
final class CliTrigger {
    private CliTrigger() {
    }

    /** This user on this host: "cli (root@host)". */
    static String current() {
        Owner me = Owner.current();
        return "cli (" + me.user() + "@" + me.host() + ")";
    }
}
