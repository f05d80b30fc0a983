package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxCommandsTest {
    private final NginxFiles files = new NginxFiles(Path.of("/srv/gantry/proxy/nginx"), Path.of("/srv/gantry/proxy"));

    @Test
    void theTestValidatesTheCandidateWithItsOwnPrefixAndErrorLog() {
        assertThat(NginxCommands.test(files, files.candidateConf()).argv()).containsExactly(
                "nginx", "-p", "/srv/gantry/proxy/nginx/", "-c", "/srv/gantry/proxy/nginx/nginx.conf.next",
                "-e", "logs/error.log", "-t", "-q");
    }

    @Test
    void theStartNamesTheConfigurationThePidFileIsCheckedAgainst() {
        assertThat(NginxCommands.start(files).argv()).containsExactly(
                "nginx", "-p", "/srv/gantry/proxy/nginx/", "-c", "/srv/gantry/proxy/nginx/nginx.conf",
                "-e", "logs/error.log");
    }

    @Test
    void quitIsAGracefulStopOfOnePid() {
        assertThat(NginxCommands.quit(4242).argv()).containsExactly("kill", "-QUIT", "4242");
    }
}
