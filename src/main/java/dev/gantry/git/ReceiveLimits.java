package dev.gantry.git;

import dev.gantry.config.ByteSizes;
import dev.gantry.config.GitLimits;
import dev.gantry.source.TreeRules;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UnpackErrorHandler;

/**
 * What a push may bring, checked while JGit receives it and before any ref moves: every object as git's
 * fsck checks it ({@link TreeRules}), the pack's size, each object's size and the number of objects
 * ({@link GitLimits}). A refused pack stores nothing; the pusher reads why as an {@code error:} line.
 */
final class ReceiveLimits {
    private final GitLimits limits;

    ReceiveLimits(GitLimits limits) {
        this.limits = limits;
    }

    /** The request body, refusing a pack that announces more objects than allowed. */
    InputStream body(InputStream in) {
        return new PackHeaderLimit(in, limits.objects());
    }

    /** Reads what is left of a refused push's body, at most a pack's limit more, and drops it. */
    void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long left = limits.packBytes();
        try {
            for (int n = in.read(buffer); n >= 0 && left > 0; n = in.read(buffer)) {
                left -= n;
            }
        } catch (IOException e) {
            // the pusher went away or sent more than a pack may hold: the connection ends either way
        }
    }

    /** Sets the checks and the bounds on {@code receive}. */
    void apply(ReceivePack receive) {
        receive.setObjectChecker(TreeRules.apply(new ObjectChecker()));
        receive.setMaxPackSizeLimit(limits.packBytes());
        receive.setMaxObjectSizeLimit(limits.fileBytes());
        UnpackErrorHandler reportStatus = receive.getUnpackErrorHandler();
        receive.setUnpackErrorHandler(error -> {
            receive.sendError("gantry: the push was refused, nothing was stored: " + why(error));
            reportStatus.handleUnpackException(error);
        });
    }

    /** Why a pack was refused, in the pusher's terms; JGit's own message when it is none of Gantry's checks. */
    String why(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof TooLargePackException) {
                return "the pack is larger than " + ByteSizes.format(limits.packBytes()) + " (git-max-pack-size). Push"
                        + " the history in parts, keep large files out of git, or ask the server's owner to raise the limit";
            }
            if (e instanceof TooLargeObjectInPackException) {
                return "an object is larger than " + ByteSizes.format(limits.fileBytes()) + " (git-max-file-size). Keep"
                        + " large files out of git, or ask the server's owner to raise the limit";
            }
            if (e instanceof CorruptObjectException) {
                return e.getMessage() + ". A commit may not hold entries named '.', '..' or '.git' (in any case or"
                        + " spelling git treats as .git), nor an empty name or one with '/', nor a tree git's fsck"
                        + " refuses; git never makes them, only a tree written by hand does. Rewrite the history"
                        + " without it and push again";
            }
        }
        return String.valueOf(error.getMessage());
    }
}
