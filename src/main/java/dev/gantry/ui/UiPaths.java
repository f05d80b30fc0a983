package dev.gantry.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The paths of the web UI, all under {@code /ui}: the constants the routes are registered at, and links to them. */
final class UiPaths {
    static final String ROOT = "/ui";
    static final String HOME = "/ui/";
    static final String LOGIN = "/ui/login";
    static final String LOGOUT = "/ui/logout";
    static final String ASSETS = "/ui/assets/";
    static final String SERVICE = "/ui/services/{service}";
    static final String ROLLBACK = SERVICE + "/rollback";
    static final String LOCK_RELEASE = SERVICE + "/lock/release";
    static final String REDEPLOY = SERVICE + "/deploy";
    static final String AUDIT = "/ui/audit";
    static final String RUN = "/ui/runs/{run}";
    static final String RUN_EVENTS = RUN + "/events";
    static final String RUN_CANCEL = RUN + "/cancel";

    private UiPaths() {
    }

    /** Whether {@code path} belongs to the UI. */
    static boolean under(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /** Whether {@code path} is open without a session: the login page and the assets. */
    static boolean open(String path) {
        return path.equals(LOGIN) || path.startsWith(ASSETS);
    }

    static String service(String name) {
        return "/ui/services/" + segment(name);
    }

    static String rollback(String service) {
        return service(service) + "/rollback";
    }

    static String lockRelease(String service) {
        return service(service) + "/lock/release";
    }

    /** Where the form that deploys a release again posts. */
    static String redeploy(String service) {
        return service(service) + "/deploy";
    }

    /** The confirmation of deploying again the release run {@code runId} built and tested. */
    static String redeploy(String service, long runId) {
        return redeploy(service) + "?run=" + runId;
    }

    /** The audit log of one service. */
    static String audit(String service) {
        return AUDIT + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
    }

    /** The run page of the run {@code text} names ({@code 42} or {@code q7}). */
    static String runNamed(String text) {
        return "/ui/runs/" + segment(text);
    }

    /** The run page of a stored run. */
    static String run(long runId) {
        return "/ui/runs/" + runId;
    }

    /** The run page of a queued request, before it has a run id. */
    static String queued(long queueId) {
        return "/ui/runs/q" + queueId;
    }

    /** Where the form that cancels the queued request {@code queueId} posts. */
    static String cancel(long queueId) {
        return queued(queueId) + "/cancel";
    }

    /** The live updates of the run page at {@code runPage}. */
    static String events(String runPage) {
        return runPage + "/events";
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
