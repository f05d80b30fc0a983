package dev.gantry.webhook;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a service's remote is the repository a webhook names: equal once each is normalised (scheme
 * and host in lower case, no user info, no trailing {@code /} or {@code .git}, {@code git@host:path} as
 * {@code ssh://host/path}). Paths on a forge are compared without case, as GitHub, GitLab and Gitea
 * name repositories; a {@code file:} path keeps its case, as the file system does.
 */
final class RemoteUrls {
    private static final Pattern SCHEME_AND_HOST = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/]*)(.*)$");
    private static final Pattern SCP_LIKE = Pattern.compile("^([^/@:]+@)?([^/:]+):(.*)$");

    private RemoteUrls() {
    }

    /** Whether {@code remote} is one of {@code urls}. */
    static boolean matches(String remote, List<String> urls) {
        String wanted = normalise(remote);
        return urls.stream().map(RemoteUrls::normalise).anyMatch(wanted::equals);
    }

    /** {@code url} in the form compared. */
    static String normalise(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith(".git")) {
            trimmed = trimmed.substring(0, trimmed.length() - ".git".length());
        }
        Matcher withScheme = SCHEME_AND_HOST.matcher(trimmed);
        if (withScheme.matches()) {
            String scheme = withScheme.group(1).toLowerCase(Locale.ROOT);
            String path = scheme.equals("file://") ? withScheme.group(3) : withScheme.group(3).toLowerCase(Locale.ROOT);
            return scheme + host(withScheme.group(2)) + path;
        }
        Matcher scp = SCP_LIKE.matcher(trimmed);
        if (scp.matches()) {
            return ("ssh://" + scp.group(2) + "/" + scp.group(3)).toLowerCase(Locale.ROOT);
        }
        return trimmed;
    }

    /** The host (and port) in lower case, without user info: a remote may carry credentials, a webhook never. */
    private static String host(String authority) {
        return authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
