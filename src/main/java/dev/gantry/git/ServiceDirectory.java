package dev.gantry.git;

import dev.gantry.config.ServiceConfig;
import dev.gantry.source.Release;
import dev.gantry.source.ServiceSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Where a pushed commit holds the service: the repository's root when it has a gantry.yml, else the
 * directory whose gantry.yml names the service (the first in path order if several do).
 */
final class ServiceDirectory {
    private ServiceDirectory() {
    }

    /** The service {@code service} in commit {@code commit} of the bare repository {@code repo}. */
    static ServiceSource find(Repository repo, Path bare, String service, String commit) {
        ServiceSource root = ServiceSource.of(bare, commit);
        List<String> candidates = configDirectories(repo, commit);
        if (candidates.contains("")) {
            return root;
        }
        Release release = root.release();
        for (String dir : candidates) {
            ServiceSource source = new ServiceSource(root.workTree(), dir, release);
            if (names(source, service)) {
                return source;
            }
        }
        throw new PushException("Commit " + release.shortCommit() + " has no gantry.yml naming service " + service
                + (candidates.isEmpty() ? "" : " (found gantry.yml in " + String.join(", ", candidates) + ")")
                + ". Put the service's gantry.yml at the repository's root, or in a directory with"
                + " `service: " + service + "`, and push again.");
    }

    private static boolean names(ServiceSource source, String service) {
        try {
            return ServiceConfig.parse(source.configText(), source.servicePath() + "/gantry.yml").service()
                    .equals(service);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> configDirectories(Repository repo, String commit) {
        List<String> dirs = new ArrayList<>();
        try (RevWalk revs = new RevWalk(repo); TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(revs.parseCommit(ObjectId.fromString(commit)).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                if (walk.getNameString().equals(ServiceConfig.FILE_NAME)) {
                    String path = walk.getPathString();
                    dirs.add(path.equals(ServiceConfig.FILE_NAME) ? ""
                            : path.substring(0, path.length() - ServiceConfig.FILE_NAME.length() - 1));
                }
            }
        } catch (IOException e) {
            throw new PushException("Reading commit " + commit + " of " + repo.getDirectory() + " failed: "
                    + e.getMessage(), e);
        }
        return dirs;
    }
}
