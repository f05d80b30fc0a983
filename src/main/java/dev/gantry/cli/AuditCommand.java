package dev.gantry.cli;

import dev.gantry.secret.SecretMask;
import dev.gantry.secret.Vault;
import dev.gantry.store.AuditLog;
import dev.gantry.store.JournalEntry;
import dev.gantry.wiring.InstallationParts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry audit [SERVICE]}: every change Gantry made to production, newest first — what,
 * which service and release, which run, who or what triggered it, when — and every change taken
 * back. Read from the run journal ({@link AuditLog}, as the web UI's audit page), so it shows exactly what undo and
 * recovery work from.
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

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (InstallationParts parts = InstallationParts.open()) {
            List<JournalEntry> entries = parts.store().journal().newest(Optional.ofNullable(service), Math.max(1, limit));
            if (entries.isEmpty()) {
                out.println("No changes to production" + (service == null ? "" : " of " + service) + " yet.");
                return 0;
            }
            Vault vault = Vault.of(parts.installation.home(), parts.store());
            Map<String, SecretMask> masks = new HashMap<>(); // each service's secrets masked (docs/secrets.md)
            out.println(String.format(ROW, "TIME", "SERVICE", "RUN", "RELEASE", "BY", "RESULT", "CHANGE"));
            for (AuditLog.Event event : AuditLog.events(entries, parts.store().runs())) {
                out.println(masks.computeIfAbsent(event.service(), vault::mask).apply(String.format(ROW,
                        WHEN.format(event.at()), event.service(), event.runId(), event.release(), event.by(),
                        event.result(), event.change())));
            }
            return 0;
        }
    }
}
