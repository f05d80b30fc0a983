package dev.gantry.git;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.transport.PacketLineIn;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.SideBandOutputStream;

/**
 * A push refused at its {@code git-receive-pack} request because the server has as many pushes open as
 * it may: another push took the last place after git had read the advertisement. Answered inside git's
 * protocol (gitprotocol-pack, "report-status"), every ref rejected with the reason: git shows an HTTP
 * error here only as {@code RPC failed; HTTP 429}, followed by a misleading "Everything up-to-date".
 */
final class BusyRefusal {
    /** More command lines than any push sends; past them the rest is read as the pack and dropped. */
    private static final int MAX_COMMANDS = 1000;
    /** Each ref's reason in the report, short: git prints it after the ref, the full text came just before. */
    private static final String REASON = "too many pushes open (server-max-pushes)";

    private BusyRefusal() {
    }

    /**
     * Reads the push's commands from {@code in}, drops the rest of its body (at most a pack's limit of
     * {@code limits}), and answers on {@code out} that each ref was rejected because of {@code why}.
     */
    static void answer(InputStream in, OutputStream out, String why, ReceiveLimits limits) throws IOException {
        Request request;
        try {
            request = read(in);
        } catch (EOFException e) {
            return;  // the request ended before its commands were complete: there is no push to answer
        }
        limits.drain(in);
        if (request.sideBand()) {
            // SMALL_BUF: packets that fit side-band as well as side-band-64k
            var progress = new SideBandOutputStream(SideBandOutputStream.CH_PROGRESS, SideBandOutputStream.SMALL_BUF, out);
            progress.write((why + "\n").getBytes(StandardCharsets.UTF_8));
            progress.flush();
            var data = new SideBandOutputStream(SideBandOutputStream.CH_DATA, SideBandOutputStream.SMALL_BUF, out);
            report(data, request.refs(), REASON);
            data.flush();
            new PacketLineOut(out).end();
        } else {
            report(out, request.refs(), why);  // no channel for a message: the reason is the whole of it
        }
        out.flush();
    }

    private static void report(OutputStream out, List<String> refs, String reason) throws IOException {
        var packets = new PacketLineOut(out);
        // "unpack ok": the pack was read and dropped without error; an unpack error would make git and JGit
        // report a failed unpack instead of the refs and their reason
        packets.writeString("unpack ok\n");
        for (String ref : refs) {
            packets.writeString("ng " + ref + " " + reason + "\n");
        }
        packets.end();
    }

    /** The refs the push names and whether it asked for side-band, read up to the flush after its commands. */
    private static Request read(InputStream in) throws IOException {
        var packets = new PacketLineIn(in);
        List<String> refs = new ArrayList<>();
        boolean sideBand = false;
        for (int n = 0; n < MAX_COMMANDS; n++) {
            String line = packets.readString();
            if (PacketLineIn.isEnd(line)) {
                break;
            }
            int nul = line.indexOf('\0');
            if (nul >= 0) {
                sideBand = Arrays.stream(line.substring(nul + 1).split(" ")).anyMatch(c -> c.startsWith("side-band"));
                line = line.substring(0, nul);
            }
            String[] command = line.split(" ");  // old-id new-id ref; "shallow id" lines name no ref
            if (command.length == 3) {
                refs.add(command[2]);
            }
        }
        return new Request(refs, sideBand);
    }

    private record Request(List<String> refs, boolean sideBand) {
    }
}
