package dev.gantry.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a failed or undone run changed in production, part by part ({@link ProductionState}); none
 * means "as before". Containers, route table, discovery and the answer through the proxy must be
 * equal. Images and registry tags that existed must still exist, unchanged; the only ones a run may
 * add are its own commit's (the images it built and pushed before it failed, tagged with that
 * commit), which serve nothing and are what a rerun of the commit reuses. Afterwards the journal
 * holds no unfinished run and nobody holds the service's lease.
 */
final class ProductionChanges {
    private ProductionChanges() {
    }

    /** The changes from {@code before} to {@code after}; images and tags of {@code commit} may be added. */
    static List<String> between(ProductionState before, ProductionState after, String commit) {
        List<String> changes = new ArrayList<>();
        equal(changes, "containers", before.containers(), after.containers());
        equal(changes, "proxy route table", before.routes(), after.routes());
        equal(changes, "discovery keys", before.discovery().entrySet(), after.discovery().entrySet());
        equal(changes, "answer through the proxy", List.of(before.throughProxy()), List.of(after.throughProxy()));
        kept(changes, "images", before.images(), after.images(), commit);
        kept(changes, "registry tags", before.registryTags(), after.registryTags(), commit);
        if (!after.unfinishedRuns().isEmpty()) {
            changes.add("journal: unfinished runs " + after.unfinishedRuns());
        }
        after.lease().ifPresent(lease -> changes.add("lease: still held by " + lease));
        return changes;
    }

    /** The images and tags {@code after} has that {@code before} had not: for the report. */
    static long added(ProductionState before, ProductionState after) {
        return after.images().stream().filter(i -> !before.images().contains(i)).count()
                + after.registryTags().stream().filter(t -> !before.registryTags().contains(t)).count();
    }

    private static void equal(List<String> changes, String part, Collection<?> before, Collection<?> after) {
        if (!Objects.equals(List.copyOf(before), List.copyOf(after))) {
            changes.add(part + ": gone " + minus(before, after) + ", new " + minus(after, before)
                    + (minus(before, after).isEmpty() && minus(after, before).isEmpty() ? " (order changed)" : ""));
        }
    }

    /** Every line of {@code before} still there; new lines only when each tag in them is of {@code commit}. */
    private static void kept(List<String> changes, String part, List<String> before, List<String> after, String commit) {
        List<?> gone = minus(before, after);
        List<String> foreign = after.stream().filter(line -> !before.contains(line) && !ofCommit(line, commit)).toList();
        if (!gone.isEmpty() || !foreign.isEmpty()) {
            changes.add(part + ": gone " + gone + ", new and not of the run's commit " + foreign);
        }
    }

    /** "ID repo:tag,repo:tag" or "repo:tag": every tag named is {@code commit}; an untagged image is not. */
    private static boolean ofCommit(String line, String commit) {
        String tags = line.substring(line.lastIndexOf(' ') + 1);
        return !tags.equals("-") && List.of(tags.split(",")).stream().allMatch(tag -> tag.endsWith(":" + commit));
    }

    private static List<?> minus(Collection<?> from, Collection<?> taken) {
        return from.stream().filter(x -> !taken.contains(x)).toList();
    }
}
