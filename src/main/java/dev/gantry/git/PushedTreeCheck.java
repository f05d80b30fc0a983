package dev.gantry.git;

import dev.gantry.GantryException;
import dev.gantry.config.GitLimits;
import dev.gantry.source.UnsafeCommitException;
import java.nio.file.Path;
import java.util.Collection;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Before a pushed branch moves: the service's directory in its new commit must be one Gantry can check
 * out ({@code ServiceSource.checkTree}: safe names, within the checkout's limits), or the branch is
 * rejected with the reason. Objects already on the server are not checked by the receive, so this is
 * where a commit reusing them is seen. A commit without the service is left to the deploy to explain.
 */
final class PushedTreeCheck implements PreReceiveHook {
    private final String service;
    private final Path bare;
    private final GitLimits limits;

    /** Checks pushes of {@code service} into {@code bare} against {@code limits}. */
    PushedTreeCheck(String service, Path bare, GitLimits limits) {
        this.service = service;
        this.bare = bare;
        this.limits = limits;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand c : commands) {
            if (c.getType() == ReceiveCommand.Type.DELETE || c.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            try {
                ServiceDirectory.find(rp.getRepository(), bare, service, c.getNewId().name()).checkTree(limits);
            } catch (UnsafeCommitException e) {
                rp.sendError("gantry: " + c.getRefName() + " refused: " + e.getMessage());
                c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "refused by Gantry, see the error above");
            } catch (GantryException e) {
                // no gantry.yml for the service in it: stored, and DeployOnPush says why it is not deployed
            }
        }
    }
}
