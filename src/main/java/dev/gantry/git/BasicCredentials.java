package dev.gantry.git;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The password of an {@code Authorization: Basic} header (RFC 7617); the user name is ignored. */
final class BasicCredentials {
    private static final String PREFIX = "Basic ";

    private BasicCredentials() {
    }

    /** The password in {@code header}, if it is a well-formed Basic header. */
    static Optional<String> password(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
