package dev.gantry.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How this Gantry installation is set up: defaults, then {@code $GANTRY_HOME/config.yml}, then
 * environment variables (which win). The settings are documented in docs/installation-config.md.
 *
 * @param home the directory of config.yml, the embedded store, logs, workspaces and proxy files
 * @param registry the image registry as HOST[:PORT]
 * @param dockerHost the production engine (DOCKER_HOST); empty means the local socket
 * @param cdDockerHost the CD engine, which tests and builds (docs/design.md); empty means the production engine
 * @param discovery {@code embedded} or {@code etcd://HOST:PORT}
 * @param proxy {@code haproxy} or {@code nginx}
 * @param store a JDBC URL; empty means the embedded SQLite file {@link #storeFile()}
 * @param serverAddr where {@code gantry server} listens, HOST:PORT
 * @param proxyMode {@code managed} (Gantry runs the proxy) or {@code external} (the user runs it)
 * @param proxyConfig external mode: the absolute path of the file Gantry writes, which the user's config includes
 * @param proxyValidate external mode: the command that checks a candidate file ({@code {config}} is its path)
 * @param proxyApply external mode: the command that makes the user's proxy read the file again
 * @param proxyUrl the base URL users reach the proxy at, without a trailing slash
 * @param notifications where the end of every run is announced (docs/notifications.md)
 * @param serverParallelRuns how many runs of different services {@code gantry server} runs at once (docs/server.md)
 * @param serverSupersede whether a newer queued run of a service drops the older one still queued (docs/server.md)
 * @param pollInterval how often {@code gantry server} polls the services' remotes; zero: never (docs/polling.md)
 * @param webhookSecret the HMAC secret GitHub and Gitea sign webhooks with (docs/webhooks.md); empty: their hooks are off
 * @param webhookGitlabToken the token GitLab sends with webhooks, never the HMAC secret; empty: its hook is off
 * @param notifyAllowedUrls URL prefixes a gantry.yml's notify may name, beside the origins of {@code notifications}
 * @param notifyAllowedEmails whom a gantry.yml may email beside the domains of {@code notifications}, and how many
 * @param gitLimits how much a pushed, fetched or checked-out commit may bring (docs/installation-config.md)
 * @param output how much of the output of runs is kept: line length, the store's tail, the log file, the server's replay
 * @param serverLimits what {@code gantry server} takes at most at once: queued runs, log streams, pushes (docs/server.md)
 * @param logins the user names and passwords of the registry and etcd, where they ask for one
 */
public record Installation(
        Path home, String registry, Optional<String> dockerHost, Optional<String> cdDockerHost,
        String discovery, String proxy, int proxyHttpPort, int proxyHttpsPort, Optional<String> store,
        String serverAddr, String proxyMode, Optional<Path> proxyConfig, List<String> proxyValidate,
        List<String> proxyApply, String proxyUrl, NotifySpec notifications, int serverParallelRuns,
        boolean serverSupersede, Duration pollInterval, Optional<WebhookSecret> webhookSecret,
        Optional<WebhookSecret> webhookGitlabToken, List<URI> notifyAllowedUrls,
        EmailAllowance notifyAllowedEmails, GitLimits gitLimits,
        OutputLimits output, ServerLimits serverLimits, Logins logins) {
    /** {@code server-parallel-runs} when neither config.yml nor the environment sets it. */
    public static final int SERVER_PARALLEL_RUNS = 2;
    /** {@code poll-interval} when neither config.yml nor the environment sets it. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(60);

    /** Checks for nulls. */
    public Installation {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(dockerHost, "dockerHost");
        Objects.requireNonNull(cdDockerHost, "cdDockerHost");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(serverAddr, "serverAddr");
        Objects.requireNonNull(proxyMode, "proxyMode");
        Objects.requireNonNull(proxyConfig, "proxyConfig");
        proxyValidate = List.copyOf(proxyValidate);
        proxyApply = List.copyOf(proxyApply);
        Objects.requireNonNull(proxyUrl, "proxyUrl");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(webhookGitlabToken, "webhookGitlabToken");
        notifyAllowedUrls = List.copyOf(notifyAllowedUrls);
        Objects.requireNonNull(notifyAllowedEmails, "notifyAllowedEmails");
        Objects.requireNonNull(gitLimits, "gitLimits");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(serverLimits, "serverLimits");
        Objects.requireNonNull(logins, "logins");
    }

    /** An installation whose proxy Gantry manages, reached at {@code http://127.0.0.1:<proxyHttpPort>}. */
    public Installation(
            Path home, String registry, Optional<String> dockerHost, Optional<String> cdDockerHost,
            String discovery, String proxy, int proxyHttpPort, int proxyHttpsPort, Optional<String> store,
            String serverAddr) {
        this(home, registry, dockerHost, cdDockerHost, discovery, proxy, proxyHttpPort, proxyHttpsPort, store,
                serverAddr, "managed", Optional.empty(), List.of(), List.of(), "http://127.0.0.1:" + proxyHttpPort,
                NotifySpec.NONE, SERVER_PARALLEL_RUNS, true, POLL_INTERVAL, Optional.empty(), Optional.empty(),
                List.of(), EmailAllowance.NONE, GitLimits.DEFAULTS, OutputLimits.DEFAULTS, ServerLimits.DEFAULTS, Logins.NONE);
    }

    /** Reads the installation config; pass {@code System.getenv()} (tests pass their own map). Warnings go to stderr. */
    public static Installation load(Map<String, String> env) {
        return load(env, message -> {
            System.err.println("warning: " + message);
            System.err.flush();
        });
    }

    /** Reads the installation config; a setting given by its old name is taken and told to {@code warnings}. */
    public static Installation load(Map<String, String> env, Consumer<String> warnings) {
        return InstallationReader.read(env, warnings);
    }

    /**
     * The home directory {@code env} names: GANTRY_HOME (unless empty), else {@code ~/.gantry}, absolute and
     * normalised; the one rule the installation's reader and a handed-over run both use.
     *
     * @throws java.nio.file.InvalidPathException when GANTRY_HOME is no path
     */
    public static Path home(Map<String, String> env) {
        String named = env.get("GANTRY_HOME");
        Path home = named == null || named.isEmpty() ? Path.of(System.getProperty("user.home"), ".gantry") : Path.of(named);
        return home.toAbsolutePath().normalize();
    }

    /** {@code home/config.yml}, which may not exist. */
    public Path configFile() {
        return home.resolve("config.yml");
    }

    /** The collected logs' SQLite file (docs/logs.md, "The archive"), whatever the store is. */
    public Path logArchiveFile() {
        return home.resolve("service-logs.db");
    }

    /** The embedded store's SQLite file. */
    public Path storeFile() {
        return home.resolve("gantry.db");
    }

    /** The store's JDBC URL: {@link #store()} if set, else the embedded SQLite file. */
    public String storeUrl() {
        return store.orElse("jdbc:sqlite:" + storeFile());
    }

    /** Where runs check commits out. */
    public Path workspaces() {
        return home.resolve("workspaces");
    }

    /** Where run logs are kept. */
    public Path logs() {
        return home.resolve("logs");
    }

    /** Whether the user runs the proxy and Gantry only writes its routes file (proxy-mode: external). */
    public boolean externalProxy() {
        return proxyMode.equals("external");
    }

    /** Where the managed proxy's configuration and certificate are written (and, in both modes, the route table). */
    public Path proxyFiles() {
        return home.resolve("proxy");
    }

    /**
     * Where a commit's gantry.yml may send notifications: notify-allowed-urls, notify-allowed-emails and this
     * installation's own channels.
     */
    public NotifyAllowance notifyAllowance() {
        return NotifyAllowance.of(notifyAllowedUrls, notifyAllowedEmails, notifications);
    }

    /** The engine that tests and builds: the CD engine if set, else the production engine. */
    public Optional<String> effectiveCdDockerHost() {
        return cdDockerHost.or(() -> dockerHost);
    }
}
