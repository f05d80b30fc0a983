package dev.gantry.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a Slack incoming webhook (https://api.slack.com/messaging/webhooks): {@code text}, which
 * Slack-compatible receivers (Mattermost, Rocket.Chat …) show on its own, and Block Kit blocks that
 * Slack shows instead. Every text is mrkdwn with {@code & < >} escaped, as Slack requires.
 */
final class SlackBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack refuses a section text longer than 3000 characters, and a field longer than 2000. */
    private static final int SECTION_LIMIT = 2900;
    private static final int FIELD_LIMIT = 1900;

    private SlackBody() {
    }

    static String of(Notification n) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", cut(escape(n.summary() + n.message().map(m -> "\n" + m).orElse("")), SECTION_LIMIT));
        ArrayNode blocks = body.putArray("blocks");
        section(blocks, "*" + escape(n.summary()) + "*");
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Release", "`" + escape(n.shortRelease()) + "` " + escape(n.title()));
        n.image().ifPresent(image -> field(fields, "Image", escape(image)));
        n.colour().ifPresent(colour -> field(fields, "Colour", escape(colour)));
        n.failedStage().ifPresent(stage -> field(fields, "Failed stage", escape(stage)));
        field(fields, "Production", escape(n.production().word()));
        field(fields, "Duration", n.seconds());
        n.message().ifPresent(message -> section(blocks, "```" + cut(escape(message), SECTION_LIMIT) + "```"));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escape("Gantry on " + n.host() + " · " + n.kind() + " " + n.runId() + " · triggered by "
                        + n.trigger()));
        return body.toString();
    }

    /** Slack's escaping of text in mrkdwn: the three characters it reads as markup. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void field(ArrayNode fields, String label, String mrkdwn) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + cut(mrkdwn, FIELD_LIMIT));
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "…";
    }
}
