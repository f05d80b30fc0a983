package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import java.util.List;

/** Records the candidate's instances in discovery, as {@code candidate} (the register step, {@code flow/Register}). */
public final class RegisterCandidate {
    private final Discovery discovery;

    public RegisterCandidate(Discovery discovery) {
        this.discovery = discovery;
    }

    /** Registers the candidate, journaled with the record it replaces (if any). */
    public void run(Deployment deployment, Colour candidate, List<Instance> instances, RunJournal journal, LogSink log) {
        var record = new ColourRecord(deployment.release(), deployment.appImage().toString(), ColourState.CANDIDATE,
                instances);
        ColourRecord before = discovery.colour(deployment.service(), candidate).orElse(null);
        journal.record(new Effect.ColourRegistered(deployment.service(), candidate, record, before),
                () -> discovery.put(deployment.service(), candidate, record));
        log.line("registered " + instances.size() + " " + candidate.word() + " instance(s) of " + deployment.service()
                + " in " + discovery.describe() + " as candidate");
    }
}
