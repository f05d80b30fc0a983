package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstallationTest {
    @TempDir
    Path home;

    @Test
    void usesTheDefaultsWithoutConfigFileOrVariables() {
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString()));

        assertThat(installation).isEqualTo(new Installation(home, "127.0.0.1:5000", Optional.empty(), Optional.empty(),
                "embedded", "haproxy", 80, 443, Optional.empty(), "127.0.0.1:7070"));
        assertThat(installation.storeUrl()).isEqualTo("jdbc:sqlite:" + home.resolve("gantry.db"));
        assertThat(installation.workspaces()).isEqualTo(home.resolve("workspaces"));
        assertThat(installation.logs()).isEqualTo(home.resolve("logs"));
        assertThat(installation.effectiveCdDockerHost()).isEmpty();
    }

    @Test
    void theLimitsOnCommitsComeFromConfigYmlAndTheEnvironmentWins() throws IOException {
        Files.writeString(home.resolve("config.yml"), """
                git-max-pack-size: 64MiB
                git-max-objects: 5000
                git-max-file-size: 1048576
                checkout-max-size: 2GiB
                """);

        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).gitLimits())
                .isEqualTo(new GitLimits(64L << 20, 5000, 1L << 20, 2L << 30));
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_GIT_MAX_OBJECTS", "7",
                "GANTRY_CHECKOUT_MAX_SIZE", "10KiB")).gitLimits())
                .isEqualTo(new GitLimits(64L << 20, 7, 1L << 20, 10L << 10));
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.resolve("none").toString())).gitLimits())
                .isEqualTo(new GitLimits(256L << 20, 100_000, 100L << 20, 1L << 30));
    }

    @Test
    void aBadLimitNamesItsKeyOrVariable() throws IOException {
        Files.writeString(home.resolve("config.yml"), "git-max-file-size: 1.5MiB\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_GIT_MAX_OBJECTS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_GIT_MAX_OBJECTS: should be a whole number from 1 to 100000000, was \"0\"")
                .hasMessageContaining("git-max-file-size (line 1): should be a size like 1048576, 512KiB, 256MiB or"
                        + " 1GiB (at most 1024GiB), was \"1.5MiB\"");
    }

    @Test
    void homeIsDotGantryInTheUsersHomeWithoutGantryHome() {
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertThat(Installation.load(Map.of()).home()).isEqualTo(home.resolve(".gantry"));
        } finally {
            System.setProperty("user.home", userHome);
        }
    }

    @Test
    void readsEverySettingFromConfigYml() throws IOException {
        Files.writeString(home.resolve("config.yml"), """
                registry: registry.example.com
                docker-host: tcp://prod.example.com:2376
                cd-docker-host: unix:///run/cd/docker.sock
                discovery: etcd://10.0.0.5:2379
                proxy: nginx
                proxy-http-port: 8080
                proxy-https-port: 8443
                store: jdbc:postgresql://db:5432/gantry
                server-addr: 0.0.0.0:7070
                """);

        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString()))).isEqualTo(new Installation(home,
                "registry.example.com", Optional.of("tcp://prod.example.com:2376"),
                Optional.of("unix:///run/cd/docker.sock"), "etcd://10.0.0.5:2379", "nginx", 8080, 8443,
                Optional.of("jdbc:postgresql://db:5432/gantry"), "0.0.0.0:7070"));
    }

    @Test
    void environmentVariablesWinOverConfigYml() throws IOException {
        Files.writeString(home.resolve("config.yml"), "registry: from-file:5000\nproxy: nginx\nproxy-http-port: 8080\n");
        Map<String, String> env = new HashMap<>(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_REGISTRY", "from-env:5001", "GANTRY_PROXY", "haproxy", "GANTRY_PROXY_HTTP_PORT", "9080",
                "DOCKER_HOST", "tcp://127.0.0.1:2375", "GANTRY_STORE", "jdbc:sqlite:/tmp/other.db",
                "GANTRY_DISCOVERY", "etcd://localhost:2379", "GANTRY_SERVER_ADDR", "127.0.0.1:9000"));
        env.put("GANTRY_PROXY_HTTPS_PORT", "");

        Installation installation = Installation.load(env);

        assertThat(installation).isEqualTo(new Installation(home, "from-env:5001", Optional.of("tcp://127.0.0.1:2375"),
                Optional.empty(), "etcd://localhost:2379", "haproxy", 9080, 443,
                Optional.of("jdbc:sqlite:/tmp/other.db"), "127.0.0.1:9000"));
        assertThat(installation.storeUrl()).isEqualTo("jdbc:sqlite:/tmp/other.db");
        assertThat(installation.effectiveCdDockerHost()).contains("tcp://127.0.0.1:2375");
    }

    @Test
    void theServersBoundsHaveDefaultsAndComeFromConfigYmlOrTheEnvironment() throws IOException {
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).serverLimits())
                .isEqualTo(new ServerLimits(100, 32, 16));
        Files.writeString(home.resolve("config.yml"), "server-max-queued-runs: 5\nserver-max-log-streams: 2\n");

        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_SERVER_MAX_PUSHES", "3"))
                .serverLimits()).isEqualTo(new ServerLimits(5, 2, 3));
        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_SERVER_MAX_QUEUED_RUNS", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_SERVER_MAX_QUEUED_RUNS: should be a whole number from 1 to 10000, was \"0\"");
    }

    @Test
    void theCdEngineCanDifferFromTheProductionEngine() {
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "DOCKER_HOST", "tcp://prod:2376", "GANTRY_CD_DOCKER_HOST", "unix:///var/run/docker.sock"));

        assertThat(installation.effectiveCdDockerHost()).contains("unix:///var/run/docker.sock");
        assertThat(installation.dockerHost()).contains("tcp://prod:2376");
    }

    @Test
    void resolvesARelativeGantryHome() {
        assertThat(Installation.load(Map.of("GANTRY_HOME", "relative/home")).home())
                .isEqualTo(Path.of("relative/home").toAbsolutePath());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GANTRY_PROXY            | apache                 | GANTRY_PROXY: should be haproxy or nginx, was "apache"
            GANTRY_REGISTRY         | http://127.0.0.1:5000  | GANTRY_REGISTRY: should be HOST or HOST:PORT without a scheme or path, like 127.0.0.1:5000, was "http://127.0.0.1:5000"
            GANTRY_REGISTRY         | registry:5000/team     | GANTRY_REGISTRY: should be HOST or HOST:PORT
            GANTRY_REGISTRY         | registry:70000         | GANTRY_REGISTRY: should be HOST or HOST:PORT
            GANTRY_PROXY_HTTP_PORT  | eighty                 | GANTRY_PROXY_HTTP_PORT: should be a whole number from 1 to 65535, was "eighty"
            GANTRY_PROXY_HTTPS_PORT | 0                      | GANTRY_PROXY_HTTPS_PORT: should be a whole number from 1 to 65535, was "0"
            GANTRY_DISCOVERY        | consul                 | GANTRY_DISCOVERY: should be embedded or etcd://HOST:PORT, was "consul"
            GANTRY_DISCOVERY        | etcd://localhost       | GANTRY_DISCOVERY: should be embedded or etcd://HOST:PORT
            DOCKER_HOST             | ssh://deploy@prod      | DOCKER_HOST: should be unix:///path/to/docker.sock or tcp://HOST:PORT, was "ssh://deploy@prod"
            GANTRY_CD_DOCKER_HOST   | unix://relative.sock   | GANTRY_CD_DOCKER_HOST: should be unix:///path/to/docker.sock or tcp://HOST:PORT
            GANTRY_STORE            | postgres://db/gantry   | GANTRY_STORE: should be a JDBC URL like jdbc:postgresql://HOST:5432/gantry, was "postgres://db/gantry"
            GANTRY_SERVER_ADDR      | 7070                   | GANTRY_SERVER_ADDR: should be HOST:PORT, like 127.0.0.1:7070, was "7070"
            GANTRY_PROXY_MODE       | systemd                | GANTRY_PROXY_MODE: should be managed or external, was "systemd"
            GANTRY_PROXY_CONFIG     | conf.d/gantry.conf     | GANTRY_PROXY_CONFIG: should be an absolute file path like /etc/nginx/gantry/gantry.conf, was "conf.d/gantry.conf"
            GANTRY_PROXY_CONFIG     | /etc/nginx/            | GANTRY_PROXY_CONFIG: should be an absolute file path
            GANTRY_PROXY_URL        | www.example.com        | GANTRY_PROXY_URL: should be http://HOST[:PORT] or https://HOST[:PORT], optionally with a path, like https://www.example.com, was "www.example.com"
            GANTRY_PROXY_URL        | http://x:99999         | GANTRY_PROXY_URL: should be http://HOST[:PORT]
            GANTRY_PROXY_URL        | http://x/?q=1          | GANTRY_PROXY_URL: should be http://HOST[:PORT]
            GANTRY_PROXY_VALIDATE   | '   '                  | GANTRY_PROXY_VALIDATE: should be a program and its arguments separated by spaces
            GANTRY_SERVER_PARALLEL_RUNS | 0                  | GANTRY_SERVER_PARALLEL_RUNS: should be a whole number from 1 to 64, was "0"
            GANTRY_SERVER_SUPERSEDE | yes                    | GANTRY_SERVER_SUPERSEDE: should be true or false, was "yes"
            GANTRY_POLL_INTERVAL    | 1 minute               | GANTRY_POLL_INTERVAL: should be a duration like 30s, 5m or 1h (at most 24h), or 0 or off, was "1 minute"
            GANTRY_POLL_INTERVAL    | 2d                     | GANTRY_POLL_INTERVAL: should be a duration like 30s
            """)
    void namesTheVariableWithABadValue(String variable, String value, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> Installation.load(Map.of("GANTRY_HOME", home.toString(), variable, value)));

        assertThat(e.source()).isEqualTo("The environment");
        assertThat(e.getMessage()).startsWith("The environment has a problem:\n  " + expected);
    }

    @Test
    void readsTheServerQueueSettings() throws IOException {
        Files.writeString(home.resolve("config.yml"), "server-parallel-runs: 4\nserver-supersede: false\n");

        Installation fromFile = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        Installation fromEnv = Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_SERVER_PARALLEL_RUNS", "3", "GANTRY_SERVER_SUPERSEDE", "true"));

        assertThat(fromFile.serverParallelRuns()).isEqualTo(4);
        assertThat(fromFile.serverSupersede()).isFalse();
        assertThat(fromEnv.serverParallelRuns()).isEqualTo(3);
        assertThat(fromEnv.serverSupersede()).isTrue();
    }

    @Test
    void readsThePollIntervalWhereZeroOrOffTurnsPollingOff() throws IOException {
        Files.writeString(home.resolve("config.yml"), "poll-interval: 5m\n");
        Installation fromFile = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        Installation off = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_POLL_INTERVAL", "off"));
        Installation zero = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_POLL_INTERVAL", "0"));
        Files.delete(home.resolve("config.yml"));

        assertThat(fromFile.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(off.pollInterval()).isZero();
        assertThat(zero.pollInterval()).isZero();
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).pollInterval())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void namesTheLineOfABadPollInterval() throws IOException {
        Files.writeString(home.resolve("config.yml"), "server-addr: 127.0.0.1:7070\npoll-interval: often\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("  poll-interval (line 2): should be a duration like 30s, 5m or 1h (at most 24h),"
                        + " or 0 or off, was \"often\"");
    }

    @Test
    void namesTheLineOfABadServerQueueSetting() throws IOException {
        Files.writeString(home.resolve("config.yml"), "server-addr: 127.0.0.1:7070\nserver-parallel-runs: many\n"
                + "server-supersede: sometimes\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .hasMessageContaining("  server-parallel-runs (line 2): should be a whole number from 1 to 64, was \"many\"\n")
                .hasMessageContaining("  server-supersede (line 3): should be true or false, was \"sometimes\"");
    }

    @Test
    void readsTheWebhookSecretFromConfigYmlOrTheEnvironment() throws IOException {
        Files.writeString(home.resolve("config.yml"), "webhook-secret: from-the-file-0123456789\n");

        Installation fromFile = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        assertThat(fromFile.webhookSecret()).contains(new WebhookSecret("from-the-file-0123456789"));
        assertThat(fromFile.toString()).as("printing the installation hides the secret")
                .doesNotContain("from-the-file").contains("WebhookSecret[24 characters, not shown]");
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_WEBHOOK_SECRET",
                "from-the-environment-42")).webhookSecret()).contains(new WebhookSecret("from-the-environment-42"));
        Files.delete(home.resolve("config.yml"));
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).webhookSecret()).isEmpty();
    }

    @Test
    void gitlabsTokenIsASettingOfItsOwnThatMayNotBeTheHmacSecret() throws IOException {
        Files.writeString(home.resolve("config.yml"), "webhook-secret: the-hmac-secret-0123456789\n"
                + "webhook-gitlab-token: the-gitlab-token-0123456789\n");

        Installation both = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        assertThat(both.webhookSecret()).contains(new WebhookSecret("the-hmac-secret-0123456789"));
        assertThat(both.webhookGitlabToken()).contains(new WebhookSecret("the-gitlab-token-0123456789"));
        assertThat(both.toString()).doesNotContain("the-gitlab-token");

        Files.writeString(home.resolve("config.yml"), "webhook-secret: the-same-secret-0123456789\n"
                + "webhook-gitlab-token: the-same-secret-0123456789\n");
        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("  webhook-gitlab-token (line 2): should differ from webhook-secret: GitLab sends"
                        + " its token in clear with every delivery")
                .hasMessageNotContaining("the-same-secret");
        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_WEBHOOK_GITLAB_TOKEN",
                "short")))
                .hasMessageContaining("GANTRY_WEBHOOK_GITLAB_TOKEN: should be at least 16 characters, was 5 (not shown)");
    }

    @Test
    void refusesAShortWebhookSecretWithoutShowingIt() throws IOException {
        Files.writeString(home.resolve("config.yml"), "server-addr: 127.0.0.1:7070\nwebhook-secret: hunter2\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("  webhook-secret (line 2): should be at least 16 characters, was 7 (not shown);"
                        + " make one with `openssl rand -hex 32`")
                .hasMessageNotContaining("hunter2");
        Files.delete(home.resolve("config.yml"));
        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_WEBHOOK_SECRET",
                "short-secret")))
                .hasMessageContaining("GANTRY_WEBHOOK_SECRET: should be at least 16 characters, was 12 (not shown)")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void reportsEveryProblemInConfigYmlWithItsLine() throws IOException {
        Files.writeString(home.resolve("config.yml"), "# Gantry\nproxy: apache\nproxy-http-port: http\nregistri: x\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage(home.resolve("config.yml") + " has 3 problems:\n"
                        + "  proxy (line 2): should be haproxy or nginx, was \"apache\"\n"
                        + "  proxy-http-port (line 3): should be a whole number from 1 to 65535, was \"http\"\n"
                        + "  registri (line 4): is not a known key; known keys here: registry, docker-host,"
                        + " cd-docker-host, discovery, proxy, proxy-http-port, proxy-https-port, store, server-addr,"
                        + " proxy-mode, proxy-config, proxy-validate, proxy-apply, proxy-url, notify, server-parallel-runs,"
                        + " server-supersede, poll-interval, webhook-secret, webhook-gitlab-token, notify-allowed-urls,"
                        + " notify-allowed-emails, notify-max-recipients, git-max-pack-size, git-max-objects, git-max-file-size, checkout-max-size, output,"
                        + " server-max-queued-runs, server-max-log-streams, server-max-pushes, registry-username,"
                        + " registry-password, etcd-username, etcd-password; did you mean registry?\n"
                        + "See docs/installation-config.md for every setting, its variable and its default.");
    }

    @Test
    void namesBothWhenConfigYmlAndTheEnvironmentAreWrong() throws IOException {
        Files.writeString(home.resolve("config.yml"), "proxy: [haproxy]\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY_HTTP_PORT", "-1")))
                .hasMessageStartingWith(home.resolve("config.yml") + " and the environment has 2 problems:\n"
                        + "  GANTRY_PROXY_HTTP_PORT: should be a whole number from 1 to 65535, was \"-1\"\n"
                        + "  proxy (line 1): should be haproxy or nginx, was a list\n");
    }

    @Test
    void refusesAConfigYmlThatIsNotYaml() throws IOException {
        Files.writeString(home.resolve("config.yml"), "registry: 127.0.0.1:5000\n\tproxy: nginx\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .hasMessageContaining("  line 2: not valid YAML");
    }

    @Test
    void anEmptyConfigYmlMeansTheDefaults() throws IOException {
        Files.writeString(home.resolve("config.yml"), "# nothing set here yet\n");

        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).proxy()).isEqualTo("haproxy");
    }

    @Test
    void theProxyIsManagedByDefaultAndReachedOnItsHttpPort() {
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY_HTTP_PORT", "8080",
                "GANTRY_PROXY_APPLY", "ignored when managed"));

        assertThat(installation.externalProxy()).isFalse();
        assertThat(installation.proxyMode()).isEqualTo("managed");
        assertThat(installation.proxyUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void readsTheExternalProxyFromConfigYmlWithCommandsAsLists() throws IOException {
        Files.writeString(home.resolve("config.yml"), """
                proxy: nginx
                proxy-mode: external
                proxy-config: /etc/nginx/gantry/gantry.conf
                proxy-validate: [nginx, -t, -q, -c, /etc/nginx/gantry check.conf]
                proxy-apply:
                  - systemctl
                  - reload
                  - nginx
                proxy-url: https://www.example.com/
                """);

        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString()));

        assertThat(installation.externalProxy()).isTrue();
        assertThat(installation.proxyConfig()).contains(Path.of("/etc/nginx/gantry/gantry.conf"));
        assertThat(installation.proxyValidate()).containsExactly("nginx", "-t", "-q", "-c", "/etc/nginx/gantry check.conf");
        assertThat(installation.proxyApply()).containsExactly("systemctl", "reload", "nginx");
        assertThat(installation.proxyUrl()).isEqualTo("https://www.example.com");
    }

    @Test
    void theEnvironmentGivesCommandsAsWordsSeparatedBySpaces() throws IOException {
        Files.writeString(home.resolve("config.yml"), "proxy-validate: [\"false\"]\nproxy-url: http://from-file\n");

        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY_MODE", "external",
                "GANTRY_PROXY_CONFIG", "/etc/haproxy/gantry/gantry.cfg",
                "GANTRY_PROXY_VALIDATE", " haproxy -c -q  -f /etc/haproxy/haproxy.cfg -f {config}",
                "GANTRY_PROXY_APPLY", "systemctl reload haproxy", "GANTRY_PROXY_HTTP_PORT", "8080"));

        assertThat(installation.proxyConfig()).contains(Path.of("/etc/haproxy/gantry/gantry.cfg"));
        assertThat(installation.proxyValidate())
                .isEqualTo(List.of("haproxy", "-c", "-q", "-f", "/etc/haproxy/haproxy.cfg", "-f", "{config}"));
        assertThat(installation.proxyApply()).isEqualTo(List.of("systemctl", "reload", "haproxy"));
        assertThat(installation.proxyUrl()).isEqualTo("http://from-file");
    }

    @Test
    void externalModeInConfigYmlNeedsTheFileAndBothCommands() throws IOException {
        Files.writeString(home.resolve("config.yml"), "proxy-mode: external\nproxy-apply: []\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .hasMessage(home.resolve("config.yml") + " has 3 problems:\n"
                        + "  proxy-config: is required when proxy-mode is external; add a line like"
                        + " proxy-config: /etc/nginx/gantry/gantry.conf (or set GANTRY_PROXY_CONFIG)\n"
                        + "  proxy-validate: is required when proxy-mode is external; add a line like"
                        + " proxy-validate: [nginx, -t, -q, -c, /etc/nginx/gantry-check.conf] (or set GANTRY_PROXY_VALIDATE)\n"
                        + "  proxy-apply: is required when proxy-mode is external; add a line like"
                        + " proxy-apply: [systemctl, reload, nginx] (or set GANTRY_PROXY_APPLY)\n"
                        + "See docs/installation-config.md for every setting, its variable and its default.");
    }

    @Test
    void externalModeFromTheEnvironmentNamesTheMissingVariables() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Installation.load(Map.of(
                "GANTRY_HOME", home.toString(), "GANTRY_PROXY_MODE", "external", "GANTRY_PROXY_CONFIG", "relative.conf",
                "GANTRY_PROXY_VALIDATE", "nginx -t")));

        assertThat(e.source()).isEqualTo("The environment");
        assertThat(e.problems()).extracting(ConfigProblem::describe).containsExactly(
                "GANTRY_PROXY_CONFIG: should be an absolute file path like /etc/nginx/gantry/gantry.conf, was \"relative.conf\"",
                "GANTRY_PROXY_APPLY: is required when GANTRY_PROXY_MODE is external; set it, like"
                        + " GANTRY_PROXY_APPLY=\"systemctl reload nginx\" (or add proxy-apply to config.yml)");
    }

    @Test
    void aCommandInConfigYmlMustBeAList() throws IOException {
        Files.writeString(home.resolve("config.yml"), "proxy-validate: nginx -t\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .hasMessageContaining("  proxy-validate (line 1): should be a list of arguments like [npm, test]"
                        + " (no shell runs it), but is \"nginx -t\"");
    }
}
