package dev.gantry.git;

import dev.gantry.config.ByteSizes;
import dev.gantry.config.GitLimits;
import dev.gantry.source.TreeRules;
import java.util.Optional;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BlobObjectChecker;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;

/**
 * The object checker of one fetch: every object as git's fsck checks it ({@link TreeRules}), and
 * {@link GitLimits} counted as the objects arrive, since JGit's fetch has no size limits of its own: the
 * number of objects, each object's size, and their sum against the pack limit (objects as received,
 * uncompressed, so a little stricter than a push's pack size). Remembers why it refused, for the message.
 */
final class FetchBudget extends ObjectChecker {
    private final GitLimits limits;
    private long objects;
    private long bytes;
    private String refusal;

    FetchBudget(GitLimits limits) {
        this.limits = limits;
        TreeRules.apply(this);
    }

    /** Why the fetch was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public void check(AnyObjectId id, int type, byte[] raw) throws CorruptObjectException {
        if (type != Constants.OBJ_BLOB) {  // a blob is counted by its own checker, which super.check uses
            count(raw.length);
        }
        try {
            super.check(id, type, raw);
        } catch (CorruptObjectException e) {
            throw refuse(e.getMessage() + " (a commit may not hold entries named '.', '..' or '.git', nor an empty name"
                    + " or one with '/', nor a tree git's fsck refuses)");
        }
    }

    @Override
    public BlobObjectChecker newBlobObjectChecker() {
        return new BlobObjectChecker() {
            private long size;

            @Override
            public void update(byte[] in, int offset, int length) {
                size += length;
            }

            @Override
            public void endBlob(AnyObjectId id) throws CorruptObjectException {
                count(size);
            }
        };
    }

    private void count(long size) throws CorruptObjectException {
        objects++;
        bytes += size;
        if (size > limits.fileBytes()) {
            throw refuse("an object of " + ByteSizes.format(size) + " is larger than " + ByteSizes.format(limits.fileBytes())
                    + " (git-max-file-size)");
        }
        if (objects > limits.objects()) {
            throw refuse("it brings more than " + limits.objects() + " objects (git-max-objects)");
        }
        if (bytes > limits.packBytes()) {
            throw refuse("it brings more than " + ByteSizes.format(limits.packBytes()) + " of objects (git-max-pack-size)");
        }
    }

    private CorruptObjectException refuse(String why) {
        refusal = why;
        return new CorruptObjectException(why);
    }
}
