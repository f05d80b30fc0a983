package dev.gantry.flow;

import dev.gantry.Printable;
import dev.gantry.source.CheckoutPlan;
import dev.gantry.source.ServiceSource;
import dev.gantry.source.UnsafeCommitException;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.stage.StageLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The checkout stage: writes the service's directory, exactly as committed, into a fresh workspace.
 * Like {@code git archive}: no clone, only the files of the service. It writes only what a
 * {@link CheckoutPlan} checked, and checks each path again as it writes (defence in depth): never
 * outside the workspace, never through a symlink, never over a file already there.
 */
final class Checkout implements Step {

    @Override
    public Stage stage() {
        return Stage.CHECKOUT;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        checkOut(run.plan(), run.workspace(), log);
    }

    /** Writes the files of {@code plan} under {@code workspace}; returns how many. */
    int checkOut(CheckoutPlan plan, Path workspace, StageLog log) {
        ServiceSource source = plan.source();
        try (Repository repo = source.open(); ObjectReader reader = repo.newObjectReader()) {
            Files.createDirectories(workspace);
            Path root = workspace.toRealPath();
            plan.submodules().forEach(path -> log.line("skipped submodule " + Printable.of(path)
                    + " (submodules are not checked out)"));
            for (CheckoutPlan.Entry entry : plan.entries()) {
                write(reader, entry, target(root, entry.path()));
            }
            log.line("checked out " + plan.entries().size() + " files of " + source.release().shortCommit() + " into "
                    + workspace);
            return plan.entries().size();
        } catch (IOException e) {
            throw new StageFailedException(Stage.CHECKOUT, "writing commit " + source.release().shortCommit()
                    + " into " + workspace + " failed: " + e.getMessage(), log.tail());
        }
    }

    /**
     * Where {@code relative} goes under {@code root}, its directories made one by one: each must be a real
     * directory inside {@code root}, not a symlink, and the file must not exist yet.
     */
    static Path target(Path root, String relative) throws IOException {
        Path target = root.resolve(relative).normalize();
        if (relative.isEmpty() || relative.startsWith("/") || !target.startsWith(root) || target.equals(root)) {
            throw outside(relative, "it is not a path inside the workspace");
        }
        Path dir = root;
        for (Path part : root.relativize(target.getParent() == null ? root : target.getParent())) {
            dir = dir.resolve(part);
            if (Files.isSymbolicLink(dir)) {
                throw outside(relative, "its directory " + root.relativize(dir) + " is a symlink");
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw outside(relative, "it was written already");
        }
        return target;
    }

    private static void write(ObjectReader reader, CheckoutPlan.Entry entry, Path target) throws IOException {
        if (entry.mode() == FileMode.SYMLINK) {
            String link = new String(reader.open(entry.blob()).getCachedBytes(), StandardCharsets.UTF_8);
            Files.createSymbolicLink(target, Path.of(link));  // a link is written, never followed (see BuildImage)
            return;
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            reader.open(entry.blob()).copyTo(out);
        }
        if (entry.mode() == FileMode.EXECUTABLE_FILE) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static UnsafeCommitException outside(String relative, String why) {
        return new UnsafeCommitException("The checkout refused to write \"" + Printable.of(relative) + "\": " + why
                + ". The commit's tree is not one git makes; rewrite the history without that entry, then push or run again.");
    }
}
