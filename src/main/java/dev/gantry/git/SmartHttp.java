package dev.gantry.git;

import dev.gantry.config.BranchName;
import dev.gantry.config.GitLimits;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * The three requests of git's smart HTTP protocol (gitprotocol-http), answered by JGit's
 * {@link UploadPack} and {@link ReceivePack} in stateless mode, writing straight to the response so
 * that what the pusher should read (its {@code remote:} lines) reaches it as it is written.
 */
final class SmartHttp {
    private SmartHttp() {
    }

    /** {@code GET info/refs?service=...}: the refs, in the service's advertisement. */
    static void advertise(Context ctx, Repository repo, String service) throws IOException {
        try (repo) {
            ctx.status(200).contentType("application/x-" + service + "-advertisement");
            ctx.header("Cache-Control", "no-cache");
            OutputStream out = ctx.res().getOutputStream();
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=" + service + "\n");
            packets.end();
            var advertiser = new RefAdvertiser.PacketLineOutRefAdvertiser(packets);
            if (service.equals("git-upload-pack")) {
                UploadPack upload = new UploadPack(repo);
                upload.setBiDirectionalPipe(false);
                upload.sendAdvertisedRefs(advertiser);
            } else {
                ReceivePack receive = new ReceivePack(repo);
                receive.setBiDirectionalPipe(false);
                receive.sendAdvertisedRefs(advertiser);
            }
            out.flush();
        }
    }

    /** {@code POST git-upload-pack}: a fetch or clone. */
    static void upload(Context ctx, Repository repo) throws IOException {
        try (repo) {
            ctx.status(200).contentType("application/x-git-upload-pack-result");
            UploadPack upload = new UploadPack(repo);
            upload.setBiDirectionalPipe(false);
            upload.upload(body(ctx), ctx.res().getOutputStream(), null);
        }
    }

    /**
     * {@code POST git-receive-pack}: a push; the hook that {@code hooks} makes for the connection to the
     * pusher runs once the refs are stored.
     */
    static void receive(Context ctx, Repository repo, Receiving receiving,
                        Function<PusherConnection, PostReceiveHook> hooks) throws IOException {
        ctx.status(200).contentType("application/x-git-receive-pack-result");
        receive(body(ctx), ctx.res().getOutputStream(), repo, receiving, hooks);
    }

    /**
     * {@code POST git-receive-pack} of a push the server has no place for: answered as a push whose refs
     * were all rejected because of {@code why} ({@link BusyRefusal}), the body read within {@code limits}.
     */
    static void refuseBusy(Context ctx, String why, ReceiveLimits limits) throws IOException {
        ctx.status(200).contentType("application/x-git-receive-pack-result");
        BusyRefusal.answer(body(ctx), ctx.res().getOutputStream(), why, limits);
    }

    /** As {@link #receive(InputStream, OutputStream, Repository, Receiving, Function)} with the default limits and no tree check. */
    static void receive(InputStream in, OutputStream out, Repository repo,
                        Function<PusherConnection, PostReceiveHook> hooks) throws IOException {
        receive(in, out, repo, new Receiving(new ReceiveLimits(GitLimits.DEFAULTS), PreReceiveHook.NULL), hooks);
    }

    /**
     * A push read from {@code in}, answered on {@code out}, within the limits of {@code receiving}. A pusher
     * that went away while its hook followed a run is no error: the hook has said so, and there is no one
     * left to answer.
     */
    static void receive(InputStream in, OutputStream out, Repository repo, Receiving receiving,
                        Function<PusherConnection, PostReceiveHook> hooks) throws IOException {
        PusherConnection pusher = new PusherConnection(out);
        try (repo) {
            ReceivePack receive = new ReceivePack(repo);
            receive.setBiDirectionalPipe(false);
            receiving.limits().apply(receive);
            receive.setPreReceiveHook((rp, commands) -> {
                refuseBadBranchNames(commands);
                keepDeployBranch(rp, commands);
                receiving.treeCheck().onPreReceive(rp, commands);
            });
            receive.setPostReceiveHook(hooks.apply(pusher));
            receive.receive(receiving.limits().body(in), pusher, null);
        } catch (UnpackException e) {
            // a refused pack: JGit has sent the pusher the error and the status report, which are the answer;
            // the rest of the pack is read (up to a bound) so that git reads that answer, not a reset connection
            receiving.limits().drain(in);
        } catch (IOException e) {
            if (!pusher.gone()) {
                throw e;
            }
        }
    }

    /**
     * Refuses to delete the branch HEAD names, the one the service deploys (as git's own
     * receive.denyDeleteCurrent does): without it the repository would have nothing to deploy.
     */
    private static void keepDeployBranch(ReceivePack rp, Collection<ReceiveCommand> commands) {
        String deployRef;
        try {
            deployRef = rp.getRepository().getFullBranch();
        } catch (IOException e) {
            throw new UncheckedIOException("reading HEAD of " + rp.getRepository().getDirectory() + " failed", e);
        }
        commands.stream().filter(c -> c.getType() == ReceiveCommand.Type.DELETE && c.getRefName().equals(deployRef))
                .forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "Gantry deploys this branch;"
                        + " it cannot be deleted here (push a new commit to it, or deploy another branch with"
                        + " gantry service add SERVICE --branch NAME)"));
    }

    /** Refuses a branch whose name git's check-ref-format --branch would refuse (config/BranchName), naming the rule. */
    static void refuseBadBranchNames(Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED
                    && command.getRefName().startsWith(Constants.R_HEADS) && command.getType() != ReceiveCommand.Type.DELETE) {
                BranchName.refusal(command.getRefName().substring(Constants.R_HEADS.length()))
                        .ifPresent(refusal -> command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal));
            }
        }
    }

    /** What a push is checked against: the limits while it is received, the tree check before a branch moves. */
    record Receiving(ReceiveLimits limits, PreReceiveHook treeCheck) {
    }

    private static InputStream body(Context ctx) throws IOException {
        InputStream in = ctx.req().getInputStream();
        return "gzip".equalsIgnoreCase(ctx.header("Content-Encoding")) ? new GZIPInputStream(in) : in;
    }
}
