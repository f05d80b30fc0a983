package dev.gantry.ui;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.discovery.LiveColour;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What is live of a service, as the pages show it: its colour and discovery's record of it (release, image, the
 * replicas that run and answer), the run that last put that release live (when), how many replicas it should run (as
 * many as the newest run that put it live or scaled it recorded; empty when that run did not record the number), and
 * the commit's title, taken from the run that built it (a deploy's or a rollback's own title only names the image).
 */
record LiveNow(Colour colour, ColourRecord record, Optional<RunRecord> putLive, OptionalInt wanted, String title) {

    /** The live release of {@code service}, if it has one. */
    static Optional<LiveNow> of(Store store, Discovery discovery, String service) {
        Optional<Colour> colour = discovery.live(service);
        Optional<ColourRecord> record = colour.flatMap(live -> discovery.colour(service, live));
        return record.map(r -> of(store, Map.of(service, new LiveColour(colour.get(), r))).get(service));
    }

    /** The live release of each service of {@code live} (discovery's live colours), by service: five queries in all. */
    static Map<String, LiveNow> of(Store store, Map<String, LiveColour> live) {
        Map<String, String> releases = new HashMap<>();
        live.forEach((service, colour) -> releases.put(service, colour.record().release()));
        Map<String, RunRecord> putLive = store.runs().putLive(releases);
        Map<String, String> titles = store.runs().builtTitles(releases);
        Map<String, Integer> wanted = store.runs().wantedReplicas(releases);
        Map<String, LiveNow> now = new HashMap<>();
        live.forEach((service, colour) -> {
            Optional<RunRecord> run = Optional.ofNullable(putLive.get(service));
            String title = Optional.ofNullable(titles.get(service)).or(() -> run.map(RunRecord::commitTitle)).orElse("");
            OptionalInt replicas = wanted.containsKey(service) ? OptionalInt.of(wanted.get(service)) : OptionalInt.empty();
            now.put(service, new LiveNow(colour.colour(), colour.record(), run, replicas, title));
        });
        return now;
    }

    /** The release's short commit. */
    String release() {
        return RunLabels.shortCommit(record.release());
    }

    /** The release's short commit and its commit's title, as the confirmations show what is live now. */
    String summary() {
        return release() + " " + RunLabels.printable(title);
    }

    /**
     * {@code 2 of 3 healthy on 10.0.0.5, 10.0.0.6}: the replicas discovery routes to out of those the release should run,
     * and their hosts; {@code 2 healthy on …} when the number wanted is not known, {@code none of 3 healthy} with none.
     */
    String replicas() {
        var instances = record.instances();
        String healthy = (instances.isEmpty() ? "none" : String.valueOf(instances.size()))
                + (wanted.isPresent() ? " of " + wanted.getAsInt() : "") + " healthy";
        if (instances.isEmpty()) {
            return healthy;
        }
        return healthy + " on " + instances.stream().map(Instance::host).distinct().collect(Collectors.joining(", "));
    }

    /** Whether fewer replicas answer than the release should run (the overview says so in words, not colour alone). */
    boolean belowWanted() {
        return wanted.isPresent() && record.instances().size() < wanted.getAsInt();
    }
}
