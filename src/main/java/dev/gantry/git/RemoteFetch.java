package dev.gantry.git;

import dev.gantry.config.GitLimits;
import dev.gantry.config.MaskedUrl;
import dev.gantry.source.ServiceSource;
import dev.gantry.store.KnownService;
import dev.gantry.store.ServiceRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Brings a service's branch from its configured remote ({@code gantry service add --remote URL}) into
 * the same bare repository pushes land in, for webhooks and polling (docs/git-push.md).
 */
public final class RemoteFetch {
    /** Seconds a fetch or ls-remote may go without the remote answering. */
    static final int TIMEOUT_SECONDS = 60;

    private final PushedRepos repos;
    private final GitLimits limits;

    /** Fetches into the repositories under {@code root} of the services of {@code services}, within the default limits. */
    public RemoteFetch(Path root, ServiceRows services) {
        this(root, services, GitLimits.DEFAULTS);
    }

    /** Fetches into the repositories under {@code root} of the services of {@code services}, within {@code limits}. */
    public RemoteFetch(Path root, ServiceRows services, GitLimits limits) {
        this.repos = new PushedRepos(root, services);
        this.limits = limits;
    }

    /** The commit the service's branch points at on its remote, without fetching (empty: no such branch there). */
    public Optional<String> remoteHead(KnownService service) {
        String url = remote(service);
        try {
            return Git.lsRemoteRepository().setRemote(url).setHeads(true).setTimeout(TIMEOUT_SECONDS).call()
                    .stream().filter(ref -> ref.getName().equals(branchRef(service))).findFirst()
                    .map(Ref::getObjectId).map(ObjectId::name);
        } catch (GitAPIException | RuntimeException e) {
            throw unreachable(service, url, e);
        }
    }

    /** The commit the service's branch points at in the server's repository (empty before the first fetch or push). */
    public Optional<String> localHead(KnownService service) {
        try (Repository repo = repos.open(service)) {
            return Optional.ofNullable(repo.exactRef(branchRef(service))).map(Ref::getObjectId).map(ObjectId::name);
        } catch (IOException e) {
            throw new PushException("Reading " + repos.path(service.name()) + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether the server's repository of the service has {@code commit} already (fetched or pushed before). */
    public boolean holds(KnownService service, String commit) {
        try (Repository repo = repos.open(service)) {
            return repo.getObjectDatabase().has(ObjectId.fromString(commit));
        } catch (IOException e) {
            throw new PushException("Reading " + repos.path(service.name()) + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Fetches the service's branch from its remote (forced: a rewritten branch is taken as it is now) and
     * answers where the service is in {@code commit}, which must be in what was fetched. Every fetched object
     * is checked and counted ({@link FetchBudget}); a refused fetch stores nothing and moves no branch.
     */
    public ServiceSource fetch(KnownService service, String commit) {
        return fetch(service, commit, false);
    }

    /**
     * Like {@link #fetch}, but {@code commit} must be the head of the service's branch on its remote as
     * this fetch saw it: a webhook deploys nothing else, so a replayed delivery of an older commit, or
     * a forged one naming any other commit, is refused with what the head is (docs/webhooks.md).
     */
    public ServiceSource fetchHead(KnownService service, String commit) {
        return fetch(service, commit, true);
    }

    private ServiceSource fetch(KnownService service, String commit, boolean headOnly) {
        String url = remote(service);
        String ref = branchRef(service);
        FetchBudget budget = new FetchBudget(limits);
        try (Repository repo = repos.open(service); Git git = Git.wrap(repo)) {
            FetchResult fetched = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setTimeout(TIMEOUT_SECONDS).setCheckFetchedObjects(true)
                    .setTransportConfigCallback(transport -> transport.setObjectChecker(budget)).call();
            try (RevWalk walk = new RevWalk(repo)) {
                if (headOnly) {
                    requireHead(walk, commit, fetched.getAdvertisedRef(ref), service, url);
                }
                walk.parseCommit(ObjectId.fromString(commit));
            } catch (MissingObjectException | IllegalArgumentException e) {
                throw new PushException("Commit " + commit + " is not on branch " + service.branch() + " of "
                        + MaskedUrl.mask(url)
                        + " (fetched just now): it was rewritten away, or the notice names another repository."
                        + " Push it again, or check the remote of " + service.name() + " in `gantry service list`.");
            }
            return ServiceDirectory.find(repo, repos.path(service.name()), service.name(), commit);
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof PushException push) {
                throw push;
            }
            if (budget.refusal().isPresent()) {
                throw new PushException("Fetching branch " + service.branch() + " of " + service.name() + " from "
                        + MaskedUrl.mask(url) + " was refused, nothing was stored: " + budget.refusal().get()
                        + ". Rewrite the branch without it (or ask the server's owner to raise the limit), then push"
                        + " to the remote again.", e);
            }
            throw unreachable(service, url, e);
        }
    }

    /** Refuses {@code commit} unless it is {@code head}, saying whether it is older than the head or off the branch. */
    private static void requireHead(RevWalk walk, String commit, Ref head, KnownService service, String url)
            throws IOException {
        String where = "branch " + service.branch() + " of " + MaskedUrl.mask(url);
        if (head == null || head.getObjectId() == null) {
            throw new PushException("Commit " + commit + " is not run: " + where + " does not exist any more"
                    + " (fetched just now). Nothing runs until the branch is pushed again.");
        }
        if (head.getObjectId().name().equals(commit)) {
            return;
        }
        throw new PushException("Commit " + commit + " is not run: it is not the head of " + where
                + " (fetched just now; the head is " + head.getObjectId().name() + "). " + (olderOf(walk, commit, head)
                ? "It is an older commit of the branch: a replayed or late delivery, which never deploys an old release."
                : "It is not on the branch any more, or never was: a forged delivery, or the branch was rewritten.")
                + " A webhook deploys only the branch's head; to deploy an older release use gantry rollback"
                + " or gantry deploy.");
    }

    private static boolean olderOf(RevWalk walk, String commit, Ref head) throws IOException {
        try {
            RevCommit named = walk.parseCommit(ObjectId.fromString(commit));
            return walk.isMergedInto(named, walk.parseCommit(head.getObjectId()));
        } catch (MissingObjectException | IllegalArgumentException e) {
            return false;  // not in what was fetched: not on the branch
        }
    }

    private static String remote(KnownService service) {
        return service.remote().orElseThrow(() -> new PushException("Service " + service.name() + " has no remote to"
                + " fetch from. Give it one: gantry service add " + service.name() + " --remote URL"));
    }

    private static String branchRef(KnownService service) {
        return Constants.R_HEADS + service.branch();
    }

    private static PushException unreachable(KnownService service, String url, Exception e) {
        return new PushException("Fetching branch " + service.branch() + " of " + service.name() + " from "
                + MaskedUrl.mask(url) + " failed: " + MaskedUrl.mask(String.valueOf(e.getMessage())) + ". Check that the remote is reachable from the server and that"
                + " its URL carries the credentials it needs.", e);
    }
}
