package dev.gantry.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment overrides of config.yml's {@code notify}: each variable, when set and not empty,
 * replaces its key. Lists are words separated by spaces. See docs/notifications.md.
 */
final class NotifyVariables {
    static final String WEBHOOK = "GANTRY_NOTIFY_WEBHOOK";
    static final String SLACK = "GANTRY_NOTIFY_SLACK";
    static final String ON = "GANTRY_NOTIFY_ON";
    static final String EMAIL = "GANTRY_NOTIFY_EMAIL_";
    /** The keys of notify/email, each with its variable GANTRY_NOTIFY_EMAIL_<KEY>. */
    private static final List<String> EMAIL_KEYS = List.of("smtp", "from", "to", "username", "password", "tls");

    private final Map<String, String> env;
    private final Problems problems;

    private NotifyVariables(Map<String, String> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** {@code file} with every notify variable of {@code env} applied; bad values go to {@code problems}. */
    static NotifySpec apply(NotifySpec file, Map<String, String> env, Problems problems) {
        return new NotifyVariables(env, problems).apply(file);
    }

    private NotifySpec apply(NotifySpec file) {
        return new NotifySpec(
                words(WEBHOOK, NotifySpec.URL).orElse(file.webhooks()),
                words(SLACK, NotifySpec.URL).orElse(file.slack()),
                email(file.email()),
                words(ON, NotifySpec.EVENT).<Set<String>>map(Set::copyOf).orElse(file.on()));
    }

    private Optional<EmailSpec> email(Optional<EmailSpec> file) {
        if (EMAIL_KEYS.stream().map(NotifyVariables::variable).noneMatch(name -> value(name).isPresent())) {
            return file;
        }
        Map<String, String> server = new HashMap<>();
        file.flatMap(EmailSpec::server).ifPresent(s -> {
            server.put("smtp", s.address());
            server.put("from", s.from());
            s.username().ifPresent(u -> server.put("username", u));
            s.password().ifPresent(p -> server.put("password", p));
            server.put("tls", s.starttls() ? "starttls" : "none");
        });
        override(server, "smtp", SmtpServer.ADDRESS);
        override(server, "from", EmailSpec.ADDRESS);
        override(server, "username", Rule.text());
        override(server, "password", Rule.text());
        override(server, "tls", SmtpServer.TLS);
        List<String> to = words(variable("to"), EmailSpec.ADDRESS).orElse(file.map(EmailSpec::to).orElse(List.of()));
        List<String> unset = List.of("smtp", "from").stream()
                .filter(key -> !server.containsKey(key) && value(variable(key)).isEmpty())
                .map(NotifyVariables::variable).toList();
        if (!unset.isEmpty()) {
            problems.add(EMAIL_KEYS.stream().map(NotifyVariables::variable).filter(n -> value(n).isPresent())
                    .findFirst().orElseThrow(), 0, "needs " + String.join(" and ", unset) + " too (or notify/email in"
                    + " config.yml): email needs a server and a sender");
        }
        if (!server.containsKey("smtp") || !server.containsKey("from")) {
            return file; // a problem has been reported
        }
        if (server.containsKey("username") != server.containsKey("password")) {
            problems.add(variable(server.containsKey("username") ? "password" : "username"), 0,
                    "is needed beside " + (server.containsKey("username") ? "the username" : "the password")
                            + "; give both, or neither for a server without login");
        }
        return Optional.of(new EmailSpec(Optional.of(SmtpServer.of(server.get("smtp"), server.get("from"),
                Optional.ofNullable(server.get("username")), Optional.ofNullable(server.get("password")),
                server.getOrDefault("tls", "none"))), to));
    }

    private void override(Map<String, String> server, String key, Rule<String> rule) {
        value(variable(key)).ifPresent(text -> rule.apply(text).ifPresentOrElse(valid -> server.put(key, valid),
                () -> problems.add(variable(key), 0, "should be " + rule.expected() + ", was " + Found.quote(text))));
    }

    /** The variable's words, each checked by {@code rule}; empty if the variable is not set. */
    private <T> Optional<List<T>> words(String name, Rule<T> rule) {
        return value(name).map(text -> List.of(text.strip().split(" +")).stream()
                .flatMap(word -> rule.apply(word).or(() -> {
                    problems.add(name, 0, "should be words separated by spaces, each " + rule.expected() + "; "
                            + Found.quote(word) + " is not");
                    return Optional.empty();
                }).stream())
                .toList());
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(env.get(name)).filter(text -> !text.isBlank());
    }

    private static String variable(String key) {
        return EMAIL + key.toUpperCase();
    }
}
