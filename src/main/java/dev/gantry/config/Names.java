package dev.gantry.config;

import java.util.regex.Pattern;

/** The rules for names and paths in gantry.yml: service, image, variables, files, URL paths, hosts. */
final class Names {
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    // The OCI distribution spec's repository name: https://github.com/opencontainers/distribution-spec
    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    // Unreserved URL characters (RFC 3986) and '/' and '%': nothing a proxy config file would read as syntax.
    private static final Pattern URL_PATH = Pattern.compile("/[A-Za-z0-9._~%/-]*");

    static final Rule<String> SERVICE = Rule.matching(
            "a name of 1 to 40 characters: lowercase letters, digits and '-', starting with a letter",
            Pattern.compile("[a-z][a-z0-9-]{0,39}"));
    static final Rule<String> IMAGE = Rule.string(
            "an image repository name like books-ms or team/books-ms (lowercase, no registry host, no tag)",
            text -> text.length() <= 255 && REPOSITORY.matcher(text).matches());
    static final Rule<String> VARIABLE = Rule.matching(
            "letters, digits and '_', not starting with a digit", Pattern.compile("[A-Za-z_][A-Za-z0-9_]*"));
    static final Rule<String> RELATIVE_PATH = Rule.string(
            "a relative path inside the service directory (no leading '/', no '..' out of it)",
            Names::isInside);
    static final Rule<String> URL_PREFIX = Rule.string(
            "a URL path starting with '/', of letters, digits and . _ ~ % / - (like /api/v1/books)",
            text -> text.length() <= 1024 && URL_PATH.matcher(text).matches());
    static final Rule<String> HOST = Rule.string(
            "a DNS name like books.example.com", Names::isDnsName).map(String::toLowerCase);

    private Names() {
    }

    static boolean isDnsName(String text) {
        return text.length() <= 253 && DNS_NAME.matcher(text.toLowerCase()).matches();
    }

    /** Whether a relative path stays inside the directory it is relative to. */
    static boolean isInside(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0) {
            return false;
        }
        int depth = 0;
        for (String part : path.split("/")) {
            depth += part.equals("..") ? -1 : part.isEmpty() || part.equals(".") ? 0 : 1;
            if (depth < 0) {
                return false;
            }
        }
        return true;
    }
}
