package dev.gantry.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The checkout stage: writes the service's directory, exactly as committed, into a fresh workspace.
 * Like {@code git archive}: no clone, only the files of the service.
 */
final class CheckoutCommit {

    /** Writes the committed files of {@code source} under {@code workspace}; returns how many. */
    int run(ServiceSource source, Path workspace, StageLog log) {
        try (Repository repo = source.open(); RevWalk revs = new RevWalk(repo); TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(revs.parseCommit(ObjectId.fromString(source.release().commit())).getTree());
            walk.setRecursive(true);
            if (!source.servicePath().isEmpty()) {
                walk.setFilter(PathFilter.create(source.servicePath()));
            }
            Files.createDirectories(workspace);
            int files = 0;
            while (walk.next()) {
                String relative = source.servicePath().isEmpty() ? walk.getPathString()
                        : walk.getPathString().substring(source.servicePath().length() + 1);
                if (write(repo, walk, workspace.resolve(relative), log)) {
                    files++;
                }
            }
            log.line("checked out " + files + " files of " + source.release().shortCommit() + " into " + workspace);
            return files;
        } catch (IOException e) {
            throw new StageFailedException(Stage.CHECKOUT, "writing commit " + source.release().shortCommit()
                    + " into " + workspace + " failed: " + e.getMessage(), log.tail());
        }
    }

    private static boolean write(Repository repo, TreeWalk walk, Path target, StageLog log) throws IOException {
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.GITLINK) {
            log.line("skipped submodule " + walk.getPathString() + " (submodules are not checked out)");
            return false;
        }
        Files.createDirectories(target.getParent());
        byte[] content = repo.open(walk.getObjectId(0)).getBytes();
        if (mode == FileMode.SYMLINK) {
            Files.createSymbolicLink(target, Path.of(new String(content, StandardCharsets.UTF_8)));
            return true;
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(content);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return true;
    }
}
