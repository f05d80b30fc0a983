package dev.gantry.config;

import java.util.regex.Pattern;

/**
 * Text that may hold a remote's URL with credentials in it ({@code https://user:token@host/...}), with
 * the credentials replaced by {@code ***}: what the server logs, records as a run's trigger, and `gantry service` prints.
 */
public final class MaskedUrl {
    /** The user-info part of a URL with a scheme (RFC 3986, section 3.2.1): everything up to the '@' of the authority. */
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

    private MaskedUrl() {
    }

    /** {@code text} with the user info of every URL in it masked: {@code https://***@host/repo.git}. */
    public static String mask(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
