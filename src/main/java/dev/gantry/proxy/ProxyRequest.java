package dev.gantry.proxy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request the proxy answered, as both proxies tell it (docs/observability.md): the line
 * {@code gantry-request ms=12 status=200 server=10.0.0.5:8080}, HAProxy's {@code log-format} and the
 * nginx module's alike.
 *
 * @param server the backend's {@code HOST:PORT} that answered last (the proxy's own answers have none)
 * @param status the HTTP status sent to the client
 * @param millis from the request's first byte to the response's last, in milliseconds
 */
public record ProxyRequest(String server, int status, long millis) {
    private static final Pattern LINE = Pattern.compile("gantry-request ms=(\\d{1,9}) status=(\\d{3}) server=(\\S{1,100})");

    /** The request a line tells, if it is one: anything else (an aborted request's -1 status, a cut line) is none. */
    public static Optional<ProxyRequest> parse(String line) {
        Matcher matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProxyRequest(matcher.group(3), Integer.parseInt(matcher.group(2)),
                Long.parseLong(matcher.group(1))));
    }

    /** Whether the answer was a server error (5xx): the error rate's numerator. */
    public boolean failed() {
        return status >= 500;
    }
}
