package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Command;
import java.nio.file.Path;

/** The argument lists Gantry runs HAProxy with (HAProxy management guide, section 3). */
final class HaproxyCommands {
    private HaproxyCommands() {
    }

    static Command version() {
        return Command.of("haproxy", "-v");
    }

    /** Checks a configuration without starting anything; quiet unless it is wrong. */
    static Command check(Path config) {
        return Command.of("haproxy", "-c", "-q", "-f", config.toString());
    }

    /** Master-worker mode, the master CLI on a private socket, in the background with a pid file. */
    static Command start(HaproxyFiles files) {
        return Command.of("haproxy", "-W", "-S", files.masterSocket() + ",mode,600", "-f", files.config().toString(),
                "-p", files.pidFile().toString(), "-D");
    }

    /** Soft stop: the master stops listening and exits once requests in flight are done. */
    static Command softStop(long pid) {
        return Command.of("kill", "-USR1", Long.toString(pid));
    }
}
