package dev.gantry.heal;

import dev.gantry.config.CrashLoopSpec;
import dev.gantry.config.Durations;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.engine.LogSink;
import dev.gantry.source.Release;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Runs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rolls back a release that keeps crashing right after it went live (docs/swarm.md#a-release-that-keeps-crashing):
 * when its replicas end by themselves {@code deploy/crash-loop/restarts} times within {@code within} of the run that
 * made it live, the release before it goes back live through {@code gantry rollback}'s flow, which history, the
 * audit log and the notifications record like any rollback. It judges only a release that the newest run of its
 * service put live by a run or a deploy: after the rollback (passed or failed) the newest run is the rollback, so a
 * release is rolled back at most once, and the release a rollback put live is never rolled back by this.
 */
public final class CrashLoopGuard {
    /** How the trigger of a rollback this guard starts begins: the web UI calls such a run an automatic rollback. */
    public static final String AUTOMATIC = "gantry, automatically";

    /** Starts the rollback of a service, for a reason a person reads in its trigger. */
    public interface Rollback {
        void start(String service, String reason);
    }

    private final Production production;
    private final Runs runs;
    private final Rollback rollback;
    private final Clock clock;
    private final LogSink log;
    /** Per run that made a release live: every crash seen so far (Swarm forgets old tasks; this does not). */
    private final Map<Long, Set<String>> seen = new HashMap<>();

    public CrashLoopGuard(Production production, Runs runs, Rollback rollback, Clock clock, LogSink log) {
        this.production = production;
        this.runs = runs;
        this.rollback = rollback;
        this.clock = clock;
        this.log = log;
    }

    /** One look at every live service; answers the services whose rollback it started. */
    public List<String> look() {
        Set<Long> judged = new HashSet<>();
        List<String> rolledBack = production.discovery().services().stream()
                .filter(service -> judge(service, judged))
                .toList();
        seen.keySet().retainAll(judged);
        return rolledBack;
    }

    /** Whether {@code service}'s live release crash-loops (and its rollback was started); notes the run it judged. */
    private boolean judge(String service, Set<Long> judged) {
        Optional<RunRecord> wentLive = newestRunWentLive(service);
        if (wentLive.isEmpty()) {
            return false;
        }
        RunRecord run = wentLive.get();
        CrashLoopSpec limit = ServiceConfig.parse(run.config().orElseThrow(), service + "/gantry.yml (from the store)")
                .deploy().crashLoop();
        Instant since = run.finishedAt().orElseThrow();
        if (!limit.on() || clock.instant().isAfter(since.plus(limit.within()))) {
            return false;
        }
        judged.add(run.id());
        Colour colour = Colour.parse(run.colour().orElseThrow());
        Set<String> crashes = seen.computeIfAbsent(run.id(), id -> new HashSet<>());
        crashes.addAll(production.orchestrator().crashes(production.installation(), service, colour));
        if (crashes.size() < limit.restarts()) {
            return false;
        }
        String reason = "its replicas ended " + crashes.size() + " times within "
                + seconds(Duration.between(since, clock.instant())) + " of going live (deploy/crash-loop: "
                + limit.restarts() + " within " + Durations.format(limit.within()) + ")";
        String release = new Release(run.commit(), run.commitTitle(), run.dirty()).shortCommit();
        log.line(service + ": release " + release + " keeps crashing: " + reason + "; rolling back");
        seen.remove(run.id());
        rollback.start(service, AUTOMATIC + ": release " + release + " crash-looped, " + reason);
        return true;
    }

    /**
     * The newest run of {@code service}, if it succeeded by putting a release live by a run or a deploy and that
     * release is live now; a scale puts no release live.
     */
    private Optional<RunRecord> newestRunWentLive(String service) {
        Optional<Colour> live = production.discovery().live(service);
        Optional<String> release = live.flatMap(colour -> production.discovery().colour(service, colour))
                .map(ColourRecord::release);
        return runs.history(service, 1).stream().findFirst()
                .filter(run -> run.state() == RunState.SUCCEEDED && !run.kind().equals("rollback") && !run.kind().equals("scale"))
                .filter(run -> run.colour().isPresent() && run.finishedAt().isPresent() && run.config().isPresent())
                .filter(run -> release.filter(run.commit()::equals).isPresent()
                        && live.map(Colour::word).equals(run.colour()));
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
