package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Slack incoming-webhook JSON: text for every receiver, blocks for Slack, markup escaped. */
class SlackBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSucceededRun() throws Exception {
        assertThat(json(SlackBody.of(Samples.succeeded()))).isEqualTo(json("""
                {"text": "books-ms: run 7 succeeded; 1a2b3c4d5e6f is live in blue",
                 "blocks": [
                   {"type": "section", "text": {"type": "mrkdwn",
                     "text": "*books-ms: run 7 succeeded; 1a2b3c4d5e6f is live in blue*"}},
                   {"type": "section", "fields": [
                     {"type": "mrkdwn", "text": "*Release*\\n`1a2b3c4d5e6f` Add the search endpoint"},
                     {"type": "mrkdwn", "text": "*Image*\\n127.0.0.1:5000/books-ms:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"},
                     {"type": "mrkdwn", "text": "*Colour*\\nblue"},
                     {"type": "mrkdwn", "text": "*Production*\\nupdated"},
                     {"type": "mrkdwn", "text": "*Duration*\\n42.1s"}]},
                   {"type": "context", "elements": [
                     {"type": "mrkdwn", "text": "Gantry on ci-1 · run 7 · triggered by cli"}]}]}
                """));
    }

    @Test
    void aFailedRunEscapesTheTextThatCameFromPeople() throws Exception {
        assertThat(json(SlackBody.of(Samples.failed()))).isEqualTo(json("""
                {"text": "books-ms: run 8 failed at stage post-integration; production was restored\\nstage post-integration failed: the post-integration tests failed: exit code 1",
                 "blocks": [
                   {"type": "section", "text": {"type": "mrkdwn",
                     "text": "*books-ms: run 8 failed at stage post-integration; production was restored*"}},
                   {"type": "section", "fields": [
                     {"type": "mrkdwn", "text": "*Release*\\n`1a2b3c4d5e6f` Fix &lt;search&gt; &amp; paging"},
                     {"type": "mrkdwn", "text": "*Image*\\n127.0.0.1:5000/books-ms:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"},
                     {"type": "mrkdwn", "text": "*Failed stage*\\npost-integration"},
                     {"type": "mrkdwn", "text": "*Production*\\nrestored"},
                     {"type": "mrkdwn", "text": "*Duration*\\n61.5s"}]},
                   {"type": "section", "text": {"type": "mrkdwn",
                     "text": "```stage post-integration failed: the post-integration tests failed: exit code 1```"}},
                   {"type": "context", "elements": [
                     {"type": "mrkdwn", "text": "Gantry on ci-1 · run 8 · triggered by cli"}]}]}
                """));
    }

    @Test
    void aMessageWithMarkupCannotMentionOrLinkAnyone() throws Exception {
        Notification n = Samples.failed();
        Notification hostile = new Notification(n.event(), n.service(), n.runId(), n.kind(), n.release(), n.title(),
                n.image(), n.colour(), n.failedStage(), Optional.of("<!channel> see <https://evil.example|here> & more"),
                n.production(), n.duration(), n.host(), n.trigger(), n.finishedAt());

        String text = json(SlackBody.of(hostile)).get("text").asText();

        assertThat(text).endsWith("\n&lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; more")
                .doesNotContain("<");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
