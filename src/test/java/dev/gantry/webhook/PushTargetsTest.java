package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.KnownService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A push runs the services of its repository that deploy its branch, and says why when none does. */
class PushTargetsTest {
    private static final String REMOTE = "https://github.com/example/books-ms.git";
    private static final PushNotice MAIN = notice("refs/heads/main", "a".repeat(40));

    @Test
    void runsEveryServiceOfTheRepositoryOnThatBranch() {
        List<KnownService> known = List.of(service("books", REMOTE, "main"),
                service("books-staging", REMOTE.replace(".git", ""), "staging"),
                service("books-copy", "git@github.com:example/books-ms.git", "main"),
                service("other", "https://github.com/example/other.git", "main"), service("pushed", null, "main"));

        PushTargets targets = PushTargets.of(known, MAIN);

        assertThat(targets.services()).extracting(KnownService::name).containsExactly("books", "books-copy");
    }

    @Test
    void saysWhyNothingRuns() {
        assertThat(PushTargets.of(List.of(), MAIN).why()).isEqualTo("no service has remote " + REMOTE
                + " (add one: gantry service add SERVICE --remote " + REMOTE + " --branch main)");
        assertThat(PushTargets.of(List.of(service("books", REMOTE, "prod")), MAIN).why())
                .isEqualTo("no service of remote " + REMOTE + " deploys branch main: books deploys branch prod");
        var known = List.of(service("books", REMOTE, "main"));
        assertThat(PushTargets.of(known, notice("refs/heads/main", "0".repeat(40))).services()).isEmpty();
        assertThat(PushTargets.of(known, notice("refs/tags/v1", "a".repeat(40))).why()).contains("not a branch");
    }

    private static PushNotice notice(String ref, String after) {
        return new PushNotice(ref, after, List.of(REMOTE, "git@github.com:example/books-ms.git"));
    }

    private static KnownService service(String name, String remote, String branch) {
        return new KnownService(name, Optional.ofNullable(remote), branch, Instant.EPOCH);
    }
}
