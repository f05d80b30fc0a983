package dev.gantry.webhook;

import dev.gantry.store.KnownService;
import java.util.List;

/** Which known services a push is for: those whose remote is the pushed repository and whose branch was pushed. */
record PushTargets(List<KnownService> services, String why) {
    /** The services of {@code known} that {@code notice} concerns; {@code why} says why, for the forge's log. */
    static PushTargets of(List<KnownService> known, PushNotice notice) {
        if (notice.branch().isEmpty()) {
            return new PushTargets(List.of(), notice.ref() + " is not a branch; Gantry deploys branches only");
        }
        String branch = notice.branch().get();
        if (notice.deletion()) {
            return new PushTargets(List.of(), "branch " + branch + " was deleted; nothing to run");
        }
        List<KnownService> matching = known.stream()
                .filter(service -> service.remote().filter(r -> RemoteUrls.matches(r, notice.repositoryUrls()))
                        .isPresent())
                .filter(service -> service.branch().equals(branch))
                .toList();
        if (!matching.isEmpty()) {
            return new PushTargets(matching, "fetching " + notice.after() + " from the remote, then queueing a run");
        }
        List<String> sameRemote = known.stream()
                .filter(service -> service.remote().filter(r -> RemoteUrls.matches(r, notice.repositoryUrls()))
                        .isPresent())
                .map(service -> service.name() + " deploys branch " + service.branch()).toList();
        return new PushTargets(List.of(), sameRemote.isEmpty()
                ? "no service has remote " + notice.shownUrl() + " (add one: gantry service add SERVICE --remote "
                        + notice.shownUrl() + " --branch " + branch + ")"
                : "no service of remote " + notice.shownUrl() + " deploys branch " + branch + ": "
                        + String.join(", ", sameRemote));
    }
}
