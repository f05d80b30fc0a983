package dev.gantry.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What Alertmanager posts to a webhook (its version 4 body), as far as Gantry acts on it: the alerts that fire and
 * ask for a scale with their labels {@code service} and {@code gantry_scale} ({@code up} or {@code down}), each
 * named by its fingerprint and the time it started firing (docs/scaling.md#scaling-on-alerts). Every text comes from
 * outside: what does not look as it should is left out, never shown or stored.
 */
public record AlertNotice(List<ScaleAlert> alerts) {
    /** The most alerts read from one notice; Alertmanager's own {@code max_alerts} should be lower. */
    static final int MOST_ALERTS = 1000;
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.-]{0,99}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern TIME = Pattern.compile("[0-9T:.+Z-]{10,40}");

    /** One firing alert that asks for a scale of {@code service}, {@code up} or not. */
    public record ScaleAlert(String service, boolean up, String name, String fingerprint, String startsAt) {
        /** What names this firing of this alert, whatever notice repeats it. */
        String key() {
            return service + "|" + (up ? "up" : "down") + "|" + fingerprint + "|" + startsAt;
        }
    }

    /** The notice in {@code body}; empty when the body is not an Alertmanager notice at all. */
    public static Optional<AlertNotice> read(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("alerts").isArray()) {
            return Optional.empty();
        }
        List<ScaleAlert> alerts = new ArrayList<>();
        for (JsonNode alert : body.path("alerts")) {
            if (alerts.size() == MOST_ALERTS) {
                break;
            }
            scaleAlert(alert).ifPresent(alerts::add);
        }
        return Optional.of(new AlertNotice(List.copyOf(alerts)));
    }

    /** The alerts by the change they ask for: service, then up or down. */
    Map<String, Map<Boolean, List<ScaleAlert>>> byService() {
        var grouped = new TreeMap<String, Map<Boolean, List<ScaleAlert>>>();
        alerts.forEach(alert -> grouped.computeIfAbsent(alert.service(), s -> new TreeMap<>())
                .computeIfAbsent(alert.up(), up -> new ArrayList<>()).add(alert));
        return grouped;
    }

    private static Optional<ScaleAlert> scaleAlert(JsonNode alert) {
        JsonNode labels = alert.path("labels");
        String direction = labels.path("gantry_scale").asText("");
        if (!alert.path("status").asText("").equals("firing") || !(direction.equals("up") || direction.equals("down"))) {
            return Optional.empty();
        }
        String service = labels.path("service").asText("");
        String name = labels.path("alertname").asText("");
        String fingerprint = alert.path("fingerprint").asText("");
        String startsAt = alert.path("startsAt").asText("");
        if (!SERVICE.matcher(service).matches() || !FINGERPRINT.matcher(fingerprint).matches()
                || !TIME.matcher(startsAt).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ScaleAlert(service, direction.equals("up"), NAME.matcher(name).matches() ? name : "alert",
                fingerprint, startsAt));
    }
}
