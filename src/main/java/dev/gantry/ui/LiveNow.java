package dev.gantry.ui;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is live of a service, as the pages show it: its colour and discovery's record of it (release, image, the
 * replicas that run and answer), the run that last put that release live (when), and the commit's title, taken from
 * the run that built it (a deploy's or a rollback's own title only names the image).
 */
record LiveNow(Colour colour, ColourRecord record, Optional<RunRecord> putLive, String title) {
    private static final int RUNS_LOOKED_AT = 100;

    /** The live release of {@code service}, if it has one. */
    static Optional<LiveNow> of(Store store, Discovery discovery, String service) {
        Optional<Colour> colour = discovery.live(service);
        Optional<ColourRecord> record = colour.flatMap(live -> discovery.colour(service, live));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String release = record.get().release();
        var runs = store.runs().history(service, RUNS_LOOKED_AT).stream().filter(run -> run.commit().equals(release))
                .toList();
        Optional<RunRecord> putLive = runs.stream()
                .filter(run -> run.state() == RunState.SUCCEEDED && run.colour().isPresent()).findFirst();
        String title = runs.stream().filter(run -> run.kind().equals("run")).findFirst().or(() -> putLive)
                .map(RunRecord::commitTitle).orElse("");
        return Optional.of(new LiveNow(colour.get(), record.get(), putLive, title));
    }

    /** The release's short commit. */
    String release() {
        return RunLabels.shortCommit(record.release());
    }

    /** The release's short commit and its commit's title, as the confirmations show what is live now. */
    String summary() {
        return release() + " " + RunLabels.printable(title);
    }

    /** {@code 2 healthy on 10.0.0.5, 10.0.0.6}: the replicas discovery routes to, and their hosts. */
    String replicas() {
        var instances = record.instances();
        if (instances.isEmpty()) {
            return "none healthy";
        }
        return instances.size() + " healthy on " + instances.stream().map(Instance::host).distinct()
                .collect(Collectors.joining(", "));
    }
}
