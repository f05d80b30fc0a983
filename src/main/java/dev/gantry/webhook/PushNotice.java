package dev.gantry.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.Printable;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a push webhook says: the ref pushed ({@code refs/heads/main}), the commit it points at now
 * ({@code after}; all zeros when the branch was deleted) and the URLs of the repository.
 */
record PushNotice(String ref, String after, List<String> repositoryUrls) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BRANCHES = "refs/heads/";

    /**
     * The push payload {@code body} of {@code forge}; empty if it is not JSON or lacks ref or after. The
     * ref and the URLs are taken through {@link Printable}: replies and logs show them.
     */
    static Optional<PushNotice> parse(Forge forge, byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.path("ref").isTextual() || !root.path("after").isTextual()) {
            return Optional.empty();
        }
        JsonNode repo = forge == Forge.GITLAB ? root.path("project") : root.path("repository");
        List<String> fields = forge == Forge.GITLAB ? List.of("git_http_url", "git_ssh_url", "web_url")
                : List.of("clone_url", "ssh_url", "html_url");
        List<String> urls = fields.stream().map(repo::path).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(url -> !url.isBlank()).map(Printable::of).toList();
        return Optional.of(new PushNotice(Printable.of(root.get("ref").asText()), root.get("after").asText(), urls));
    }

    /** The branch pushed, if the ref is a branch (not a tag). */
    Optional<String> branch() {
        return ref.startsWith(BRANCHES) ? Optional.of(ref.substring(BRANCHES.length())) : Optional.empty();
    }

    /** Whether the push deleted the branch (no commit to run). */
    boolean deletion() {
        return after.chars().allMatch(c -> c == '0');
    }

    /** Whether the commit is a full hexadecimal object id, as forges send it. */
    boolean validCommit() {
        return after.matches("[0-9a-f]{40}|[0-9a-f]{64}");
    }

    /** The first URL, for messages. */
    String shownUrl() {
        return Stream.concat(repositoryUrls.stream(), Stream.of("(no repository URL)")).findFirst().orElseThrow();
    }
}
