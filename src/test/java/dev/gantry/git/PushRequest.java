package dev.gantry.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;

/**
 * The body of a {@code git-receive-pack} request, as a git client sends it: one command (with the
 * report-status and side-band-64k capabilities) and, unless it deletes, a pack of the new commit.
 */
final class PushRequest {
    private PushRequest() {
    }

    /** Sets {@code ref} from {@code oldId} to {@code newId} (zero: a deletion), with {@code source}'s objects. */
    static byte[] of(Repository source, String ref, ObjectId oldId, ObjectId newId) throws IOException {
        var body = new ByteArrayOutputStream();
        var packets = new PacketLineOut(body);
        packets.writeString(oldId.name() + " " + newId.name() + " " + ref
                + "\0 report-status side-band-64k delete-refs agent=gantry-test\n");
        packets.end();
        if (!newId.equals(ObjectId.zeroId())) {
            try (PackWriter pack = new PackWriter(source)) {
                pack.preparePack(NullProgressMonitor.INSTANCE, Set.of(newId),
                        oldId.equals(ObjectId.zeroId()) ? Set.of() : Set.of(oldId));
                pack.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, body);
            }
        }
        return body.toByteArray();
    }
}
