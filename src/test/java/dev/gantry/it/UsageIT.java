package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Asking the CLI how to use it, and using it wrongly: help on stdout (exit 0), bad usage exit 2. */
class UsageIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void everyCommandAnswersHelp() {
        Result help = sandbox.cli().run("run", "--help");

        assertThat(help.exitCode()).as("%s", help).isZero();
        assertThat(help.stdout()).as("%s", help).startsWith("Usage: gantry run ").contains("PATH");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        Result run = sandbox.cli().run("run", "--no-such-option");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).as("%s", run).contains("Unknown option: '--no-such-option'").contains("Usage: gantry run");
    }
}
