package dev.gantry.handoff;

import java.io.PrintWriter;

/** How the server runs a handed-over {@code gantry run}: as the CLI would, its output on {@code out} and {@code err}. */
@FunctionalInterface
public interface HandedRun {
    /** Runs the flow for {@code request} and answers the exit code the CLI would have exited with; never throws. */
    int run(HandoffRequest request, PrintWriter out, PrintWriter err);
}
