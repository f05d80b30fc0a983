package dev.gantry.git;

import dev.gantry.config.OwnerOnly;
import dev.gantry.store.KnownService;
import dev.gantry.store.ServiceRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The bare repositories pushes land in, {@code HOME/repos/SERVICE.git}: one per known service, made at first use. */
final class PushedRepos {
    private static final Pattern REPO_NAME = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)\\.git");

    private final Path root;
    private final ServiceRows services;

    /** Repositories under {@code root} for the services of {@code services}. */
    PushedRepos(Path root, ServiceRows services) {
        this.root = root;
        this.services = services;
    }

    /** The known service that {@code repoName} (like "shop.git") names, if any. */
    Optional<KnownService> service(String repoName) {
        var match = REPO_NAME.matcher(repoName);
        return match.matches() ? services.find(match.group(1)) : Optional.empty();
    }

    /** Where the repository of {@code service} lives. */
    Path path(String service) {
        return root.resolve(service + ".git");
    }

    /** Opens the bare repository of {@code service}, creating it if it does not exist yet; HEAD names the service's branch. */
    synchronized Repository open(KnownService service) {
        Path dir = path(service.name());
        try {
            boolean fresh = !Files.isDirectory(dir);
            Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (fresh) {
                OwnerOnly.directory(root);
                repo.create(true);
            }
            String deployRef = Constants.R_HEADS + service.branch();
            if (!deployRef.equals(repo.getFullBranch())) {
                repo.updateRef(Constants.HEAD).link(deployRef);  // new, or the service's branch was changed
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("opening the git repository " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
