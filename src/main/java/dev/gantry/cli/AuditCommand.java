package dev.gantry.cli;

import dev.gantry.secret.SecretMask;
import dev.gantry.secret.Vault;
import dev.gantry.store.JournalEntry;
import dev.gantry.store.JournalState;
import dev.gantry.store.RunRecord;
import dev.gantry.wiring.InstallationParts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry audit [SERVICE]}: every change Gantry made to production, newest first — what,
 * which service and release, which run, who or what triggered it, when — and every change taken
 * back. Read from the run journal, so it shows exactly what undo and recovery work from.
 */
@Command(name = "audit", description = "List the changes Gantry made to production (of SERVICE, or of all), newest first.")
final class AuditCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final String ROW = "%-19s %-16s %5s %-12s %-24s %-8s %s";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "Only this service.")
    String service;

    @Option(names = "--limit", defaultValue = "100", description = "How many changes to read (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** One line of the audit log: a change made, or a change taken back, and by whom. */
    record Event(Instant at, JournalEntry entry, String change, String result, String by) {
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (InstallationParts parts = InstallationParts.open()) {
            List<JournalEntry> entries = parts.store().journal().newest(Optional.ofNullable(service), Math.max(1, limit));
            if (entries.isEmpty()) {
                out.println("No changes to production" + (service == null ? "" : " of " + service) + " yet.");
                return 0;
            }
            Map<Long, Optional<RunRecord>> runs = new HashMap<>();
            Vault vault = Vault.of(parts.installation.home(), parts.store());
            Map<String, SecretMask> masks = new HashMap<>(); // each service's secrets masked (docs/secrets.md)
            out.println(String.format(ROW, "TIME", "SERVICE", "RUN", "RELEASE", "BY", "RESULT", "CHANGE"));
            for (Event event : events(entries, id -> runs.computeIfAbsent(id, parts.store().runs()::find))) {
                JournalEntry e = event.entry();
                String release = runs.get(e.runId()).map(r -> r.commit().substring(0, Math.min(12, r.commit().length())))
                        .orElse("?");
                out.println(masks.computeIfAbsent(e.service(), vault::mask).apply(String.format(ROW,
                        WHEN.format(event.at()), e.service(), e.runId(), release, event.by(), event.result(), event.change())));
            }
            return 0;
        }
    }

    /**
     * The changes of {@code entries} and their undos as events, newest first. A change journaled as
     * intended but never confirmed is {@code unknown}: its process stopped while making it.
     */
    static List<Event> events(List<JournalEntry> entries, Function<Long, Optional<RunRecord>> runs) {
        List<Event> events = new ArrayList<>();
        for (JournalEntry e : entries) {
            String trigger = runs.apply(e.runId()).map(RunRecord::trigger).orElse("?");
            boolean confirmed = e.doneAt().isPresent();
            events.add(new Event(e.doneAt().orElse(e.intendedAt()), e, e.description(), confirmed ? "done" : "unknown",
                    trigger));
            if (e.state() == JournalState.UNDONE) {
                events.add(new Event(e.undoneAt().orElseThrow(), e, "undo: " + e.description(), "done",
                        e.undoneBy().orElse("?")));
            } else if (e.state() == JournalState.UNDO_FAILED) {
                events.add(new Event(e.doneAt().orElse(e.intendedAt()), e, "undo: " + e.description() + " ("
                        + e.message().orElse("no reason given") + ")", "failed", "?"));
            }
        }
        events.sort(Comparator.comparing(Event::at).reversed());
        return events;
    }
}
