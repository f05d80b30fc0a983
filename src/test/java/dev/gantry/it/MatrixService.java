package dev.gantry.it;

/**
 * The gantry.yml of the tiny service in the failure and crash matrices: two replicas, quick health
 * checks, short drain, and, for a case that hangs a stage, a short deadline for that stage (with the
 * inner timeout that runs inside it shorter still).
 */
final class MatrixService {
    /** Short, since a hung stage blocks from its start: how long the deadline is proves nothing, it costs matrix time. */
    static final String SHORT_DEADLINE = "3s";
    private static final String SHORT_INNER = "2s";

    private MatrixService() {
    }

    /** The gantry.yml of {@code service}; {@code hungStage} (or "") gets a short deadline. */
    static String gantryYml(String service, String hungStage) {
        return """
                service: %s
                tests:
                  pre-deployment: {env: {TINY_TEST_EXIT: "0"}, timeout: %s}
                  pre-integration: {timeout: %s}
                  post-integration: {timeout: %s}
                run:
                  port: 8080
                  replicas: 2
                  health: {path: /health, interval: 200ms, timeout: %s}
                proxy:
                  path: /tiny
                deploy: {drain: 1s}
                %s""".formatted(service, inner(hungStage, "test"), inner(hungStage, "pre-integration"),
                inner(hungStage, "post-integration"), inner(hungStage, "deploy"),
                hungStage.isEmpty() ? "" : "deadlines: {" + hungStage + ": " + SHORT_DEADLINE + "}\n");
    }

    private static String inner(String hungStage, String stage) {
        return hungStage.equals(stage) ? SHORT_INNER : "2m";
    }
}
