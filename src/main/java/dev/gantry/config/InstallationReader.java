package dev.gantry.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the installation config: each setting from its variable, else config.yml, else the default. */
final class InstallationReader {
    static final List<String> KEYS = List.of("registry", "docker-host", "cd-docker-host", "discovery", "proxy",
            "proxy-http-port", "proxy-https-port", "store", "server-addr", "proxy-mode", "proxy-config", "proxy-validate",
            "proxy-apply", "proxy-url", "notify", "server-parallel-runs", "server-supersede",
            "poll-interval", "webhook-secret", "webhook-gitlab-token", "notify-allowed-urls", "notify-allowed-emails",
            "notify-max-recipients", "git-max-pack-size",
            "git-max-objects", "git-max-file-size", "checkout-max-size", "output", "server-max-queued-runs",
            "server-max-log-streams", "server-max-pushes", "registry-username", "registry-password", "etcd-username",
            "etcd-password");
    static final String HELP = "See docs/installation-config.md for every setting, its variable and its default.";
    /** The shortest webhook secret accepted. */
    static final int WEBHOOK_SECRET_MIN = 16;
    private static final Rule<Integer> PORT = Rule.wholeNumber(1, 65535);
    private static final Rule<Boolean> TRUE_OR_FALSE = new Rule<>(Rule.Kind.ANY_SCALAR, "true or false",
            text -> text.equals("true") || text.equals("false") ? Optional.of(Boolean.valueOf(text)) : Optional.empty());
    private static final Rule<Path> ABSOLUTE_FILE = Rule.string("an absolute file path like /etc/nginx/gantry/gantry.conf",
            text -> text.startsWith("/") && !text.endsWith("/") && text.chars().noneMatch(Character::isISOControl))
            .map(text -> Path.of(text).normalize());

    private final Map<String, String> env;
    private final Problems envProblems = new Problems();
    private final Problems fileProblems = new Problems();
    private final List<String> warnings = new ArrayList<>();
    private Path configFile;
    private YamlMap file;

    private InstallationReader(Map<String, String> env) {
        this.env = env;
    }

    /** The installation, or a ConfigException; {@code warnings} hears of old names only if the config is good. */
    static Installation read(Map<String, String> env, Consumer<String> warnings) {
        InstallationReader reader = new InstallationReader(env);
        Installation installation = reader.read();
        reader.warnings.forEach(warnings);
        return installation;
    }

    private Installation read() {
        Path home = home();
        configFile = home.resolve("config.yml");
        file = configFile(configFile);
        int httpPort = setting("proxy-http-port", "GANTRY_PROXY_HTTP_PORT", PORT).orElse(80);
        String proxyMode = setting("proxy-mode", "GANTRY_PROXY_MODE", Rule.oneOf("managed", "external")).orElse("managed");
        Installation installation = new Installation(home,
                setting("registry", "GANTRY_REGISTRY", Addresses.REGISTRY).orElse("127.0.0.1:5000"),
                setting("docker-host", "DOCKER_HOST", Addresses.DOCKER_HOST),
                setting(Renamed.CD_DOCKER_HOST, Addresses.DOCKER_HOST),
                setting("discovery", "GANTRY_DISCOVERY", Addresses.DISCOVERY).orElse("embedded"),
                setting("proxy", "GANTRY_PROXY", Rule.oneOf("haproxy", "nginx")).orElse("haproxy"),
                httpPort,
                setting("proxy-https-port", "GANTRY_PROXY_HTTPS_PORT", PORT).orElse(443),
                setting("store", "GANTRY_STORE", Addresses.STORE),
                setting("server-addr", "GANTRY_SERVER_ADDR", Addresses.SERVER_ADDR).orElse("127.0.0.1:7070"),
                proxyMode,
                setting("proxy-config", "GANTRY_PROXY_CONFIG", ABSOLUTE_FILE),
                command("proxy-validate", "GANTRY_PROXY_VALIDATE"),
                command("proxy-apply", "GANTRY_PROXY_APPLY"),
                setting("proxy-url", "GANTRY_PROXY_URL", Addresses.PROXY_URL).orElse("http://127.0.0.1:" + httpPort),
                NotifyVariables.apply(NotifySpec.readInstallation(file.section("notify", NotifySpec.KEYS)), env,
                        envProblems),
                setting("server-parallel-runs", "GANTRY_SERVER_PARALLEL_RUNS", Rule.wholeNumber(1, 64))
                        .orElse(Installation.SERVER_PARALLEL_RUNS),
                setting("server-supersede", "GANTRY_SERVER_SUPERSEDE", TRUE_OR_FALSE).orElse(true),
                setting("poll-interval", "GANTRY_POLL_INTERVAL", Rule.durationOrOff()).orElse(Installation.POLL_INTERVAL),
                webhookSecret("webhook-secret", "GANTRY_WEBHOOK_SECRET"),
                webhookSecret("webhook-gitlab-token", "GANTRY_WEBHOOK_GITLAB_TOKEN"),
                notifyAllowedUrls(),
                new EmailAllowance(words("notify-allowed-emails", "GANTRY_NOTIFY_ALLOWED_EMAILS", EmailAllowance.ENTRY),
                        setting("notify-max-recipients", "GANTRY_NOTIFY_MAX_RECIPIENTS", Rule.wholeNumber(1, 1000))
                                .orElse(EmailAllowance.MAX_RECIPIENTS)),
                gitLimits(),
                OutputLimits.read(file.section("output", OutputLimits.KEYS), env, envProblems),
                serverLimits(),
                new Logins(login("registry", "GANTRY_REGISTRY"), login("etcd", "GANTRY_ETCD")));
        refuseSharedWebhookSecret(installation);
        if (installation.externalProxy()) {
            boolean configGiven = installation.proxyConfig().isPresent() || variable("GANTRY_PROXY_CONFIG").isPresent()
                    || file.has("proxy-config");
            requireForExternal("proxy-config", "GANTRY_PROXY_CONFIG", configGiven, "/etc/nginx/gantry/gantry.conf",
                    "/etc/nginx/gantry/gantry.conf");
            requireForExternal("proxy-validate", "GANTRY_PROXY_VALIDATE", given(installation.proxyValidate(),
                    "GANTRY_PROXY_VALIDATE"), "[nginx, -t, -q, -c, /etc/nginx/gantry-check.conf]",
                    "nginx -t -q -c /etc/nginx/gantry-check.conf");
            requireForExternal("proxy-apply", "GANTRY_PROXY_APPLY", given(installation.proxyApply(), "GANTRY_PROXY_APPLY"),
                    "[systemctl, reload, nginx]", "systemctl reload nginx");
        }
        throwIfAny(installation.configFile());
        return installation;
    }

    /** The variable's value if set (and not empty), else the file's; both are checked. */
    private <T> Optional<T> setting(String key, String variable, Rule<T> rule) {
        Optional<T> fromFile = file.optional(key, rule);
        return variable(variable).map(text -> rule.apply(text).or(() -> {
            envProblems.add(variable, 0, "should be " + rule.expected() + ", was " + Found.quote(text));
            return Optional.empty();
        })).orElse(fromFile);
    }

    /** A renamed setting, read by whichever name each place gives: the old name with a warning, both refused. */
    private <T> Optional<T> setting(Renamed name, Rule<T> rule) {
        String variable = name.variable();
        if (variable(name.oldVariable()).isPresent()) {
            if (variable(name.variable()).isPresent()) {
                envProblems.add(name.oldVariable(), 0, Renamed.bothGiven(name.variable(), name.oldVariable(), "unset"));
            } else {
                variable = name.oldVariable();
                warnings.add(Renamed.warning(name.oldVariable(), name.variable()));
            }
        }
        String key = name.key();
        if (file.has(name.oldKey())) {
            if (file.has(name.key())) {
                fileProblems.add(name.oldKey(), file.line(name.oldKey()), Renamed.bothGiven(name.key(), name.oldKey(),
                        "remove"));
            } else {
                key = name.oldKey();
                warnings.add(configFile + ": " + Renamed.warning(name.oldKey() + " (line " + file.line(name.oldKey())
                        + ")", name.key()));
            }
        }
        return setting(key, variable, rule);
    }

    /** The bounds of {@code gantry server}: each from its variable, else config.yml, else its default. */
    private ServerLimits serverLimits() {
        ServerLimits d = ServerLimits.DEFAULTS;
        return new ServerLimits(
                setting("server-max-queued-runs", "GANTRY_SERVER_MAX_QUEUED_RUNS", Rule.wholeNumber(1, 10_000))
                        .orElse(d.queuedRuns()),
                setting("server-max-log-streams", "GANTRY_SERVER_MAX_LOG_STREAMS", Rule.wholeNumber(1, 10_000))
                        .orElse(d.logStreams()),
                setting("server-max-pushes", "GANTRY_SERVER_MAX_PUSHES", Rule.wholeNumber(1, 1_000)).orElse(d.pushes()));
    }

    /** {@code webhook-secret} or {@code webhook-gitlab-token}: at least {@link #WEBHOOK_SECRET_MIN} characters; problems never show the value. */
    private Optional<WebhookSecret> webhookSecret(String key, String variable) {
        var anyText = new Rule<String>(Rule.Kind.ANY_SCALAR, "a string of at least " + WEBHOOK_SECRET_MIN
                + " characters", Optional::of);
        Optional<String> secret = setting(key, variable, anyText);
        if (secret.isEmpty() || secret.get().length() >= WEBHOOK_SECRET_MIN) {
            return secret.map(WebhookSecret::new);
        }
        webhookProblem(key, variable, "should be at least " + WEBHOOK_SECRET_MIN + " characters, was "
                + secret.get().length() + " (not shown); make one with `openssl rand -hex 32`");
        return Optional.empty();
    }

    /** The four limits on commits, each from its variable, else config.yml, else {@link GitLimits#DEFAULTS}. */
    private GitLimits gitLimits() {
        GitLimits defaults = GitLimits.DEFAULTS;
        Rule<Long> size = Rule.byteSize(1L << 40);
        return new GitLimits(
                setting("git-max-pack-size", "GANTRY_GIT_MAX_PACK_SIZE", size).orElse(defaults.packBytes()),
                setting("git-max-objects", "GANTRY_GIT_MAX_OBJECTS", Rule.wholeNumber(1, 100_000_000))
                        .orElse(defaults.objects()),
                setting("git-max-file-size", "GANTRY_GIT_MAX_FILE_SIZE", size).orElse(defaults.fileBytes()),
                setting("checkout-max-size", "GANTRY_CHECKOUT_MAX_SIZE", size).orElse(defaults.checkoutBytes()));
    }

    /**
     * {@code <plane>-username} and {@code <plane>-password} ({@code <VARIABLE>_USERNAME}, {@code _PASSWORD}):
     * both or neither; problems never show the password.
     */
    private Optional<Login> login(String plane, String variable) {
        var anyText = new Rule<String>(Rule.Kind.ANY_SCALAR, "a string", Optional::of);
        Optional<String> username = setting(plane + "-username", variable + "_USERNAME", anyText);
        Optional<String> password = setting(plane + "-password", variable + "_PASSWORD", anyText);
        if (username.isPresent() == password.isPresent()) {
            return username.map(name -> new Login(name, password.orElseThrow()));
        }
        String given = username.isPresent() ? "username" : "password";
        String missing = username.isPresent() ? "password" : "username";
        String message = "is set but " + plane + "-" + missing + " (" + variable + "_" + missing.toUpperCase()
                + ") is not; set both, or neither for a " + plane + " without authentication";
        if (variable(variable + "_" + given.toUpperCase()).isPresent()) {
            envProblems.add(variable + "_" + given.toUpperCase(), 0, message);
        } else {
            fileProblems.add(plane + "-" + given, file.line(plane + "-" + given), message);
        }
        return Optional.empty();
    }

    /** {@code notify-allowed-urls}: a YAML list, or URL prefixes separated by spaces in the variable (which wins). */
    private List<URI> notifyAllowedUrls() {
        return words("notify-allowed-urls", "GANTRY_NOTIFY_ALLOWED_URLS", NotifyAllowance.PREFIX);
    }

    /** A list setting: a YAML list in config.yml, or words separated by spaces in the variable (which wins). */
    private <T> List<T> words(String key, String variable, Rule<T> rule) {
        List<T> fromFile = file.list(key, rule);
        return variable(variable).map(text -> {
            List<T> values = new ArrayList<>();
            for (String word : text.strip().split(" +")) {
                rule.apply(word).ifPresentOrElse(values::add, () -> envProblems.add(variable, 0, "should be "
                        + rule.expected() + ", separated by spaces, was " + Found.quote(word)));
            }
            return values;
        }).orElse(fromFile);
    }

    /**
     * GitLab sends its token as it is in every delivery, where GitHub and Gitea send only a signature: a
     * GitLab token equal to the HMAC secret would let whoever reads one GitLab delivery sign the others.
     */
    private void refuseSharedWebhookSecret(Installation installation) {
        if (installation.webhookGitlabToken().isPresent()
                && installation.webhookGitlabToken().equals(installation.webhookSecret())) {
            webhookProblem("webhook-gitlab-token", "GANTRY_WEBHOOK_GITLAB_TOKEN", "should differ from webhook-secret:"
                    + " GitLab sends its token in clear with every delivery, and the same value would let whoever"
                    + " reads one sign GitHub and Gitea deliveries; make another with `openssl rand -hex 32`");
        }
    }

    private void webhookProblem(String key, String variable, String message) {
        if (variable(variable).isPresent()) {
            envProblems.add(variable, 0, message);
        } else {
            fileProblems.add(key, file.line(key), message);
        }
    }

    /**
     * A command as arguments: a YAML list in config.yml, or words separated by spaces in the variable.
     * No shell runs it, so neither form knows quotes, variables or globs.
     */
    private List<String> command(String key, String variable) {
        List<String> fromFile = file.arguments(key);
        if (!fromFile.isEmpty() && fromFile.getFirst().isBlank()) {
            fileProblems.add(key, 0, "should start with the program to run, like [haproxy, -c, -f, \"{config}\"]");
        }
        return variable(variable).map(text -> {
            List<String> words = List.of(text.strip().split(" +"));
            if (words.getFirst().isEmpty() || text.chars().anyMatch(Character::isISOControl)) {
                envProblems.add(variable, 0, "should be a program and its arguments separated by spaces, like"
                        + " \"haproxy -c -f /etc/haproxy/haproxy.cfg -f {config}\", was " + Found.quote(text));
                return List.<String>of();
            }
            return words;
        }).orElse(fromFile);
    }

    /** Reports a setting external mode cannot do without, where proxy-mode was set: the file or the environment. */
    private void requireForExternal(String key, String variable, boolean given, String yamlExample, String envExample) {
        if (given) {
            return;  // a bad value has been reported already
        }
        if (variable("GANTRY_PROXY_MODE").isPresent()) {
            envProblems.add(variable, 0, "is required when GANTRY_PROXY_MODE is external; set it, like "
                    + variable + "=\"" + envExample + "\" (or add " + key + " to config.yml)");
        } else {
            fileProblems.add(key, 0, "is required when proxy-mode is external; add a line like " + key + ": "
                    + yamlExample + " (or set " + variable + ")");
        }
    }

    private boolean given(List<String> command, String variable) {
        return !command.isEmpty() || variable(variable).isPresent();
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isEmpty());
    }

    private Path home() {
        Optional<String> home = variable("GANTRY_HOME");
        try {
            return Installation.home(env);
        } catch (InvalidPathException e) {
            envProblems.add("GANTRY_HOME", 0, "should be a directory path, was " + Found.quote(home.orElse("")));
            return Path.of(System.getProperty("user.home"), ".gantry");
        }
    }

    private YamlMap configFile(Path path) {
        if (!Files.exists(path)) {
            return YamlMap.empty(fileProblems);
        }
        return YamlDocument.readFile(path, fileProblems)
                .flatMap(text -> YamlDocument.compose(text, fileProblems))
                .flatMap(root -> YamlMap.root(root, fileProblems, KEYS, Renamed.oldKeys()))
                .orElseGet(() -> YamlMap.empty(fileProblems));
    }

    /** One exception for every problem, named for where they are: the file, the environment or both. */
    private void throwIfAny(Path configFile) {
        if (fileProblems.isEmpty() && envProblems.isEmpty()) {
            return;
        }
        String source = fileProblems.isEmpty() ? "The environment"
                : envProblems.isEmpty() ? configFile.toString() : configFile + " and the environment";
        List<ConfigProblem> all = new ArrayList<>(envProblems.list());
        all.addAll(fileProblems.list());
        throw new ConfigException(source, all, HELP);
    }
}
