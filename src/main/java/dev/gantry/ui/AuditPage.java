package dev.gantry.ui;

import dev.gantry.secret.SecretMask;
import dev.gantry.store.AuditLog;
import dev.gantry.store.JournalEntry;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /ui/audit}: the audit log, as {@code gantry audit} shows it ({@link AuditLog}), with each service's
 * secrets masked as there; filtered by the query's {@code service}, {@code run}, {@code result} (done, failed, unknown)
 * and {@code text} (in the change or the by column, any case, matched on the masked text). Newest first, at most
 * {@link #ROWS} rows, searched among the newest {@link #SEARCHED} changes (all of a run's when a run is given).
 */
final class AuditPage {
    /** The most rows the page shows. */
    static final int ROWS = 500;
    /** How many of the newest journal entries a search without a run reads. */
    static final int SEARCHED = 5_000;
    private static final List<String> RESULTS = List.of("done", "failed", "unknown");

    private final Store store;
    private final Function<String, SecretMask> masks;
    private final Templates templates;

    /** The audit log of {@code store}, each service's text masked by {@code masks} (its secrets). */
    AuditPage(Store store, Function<String, SecretMask> masks, Templates templates) {
        this.store = store;
        this.masks = masks;
        this.templates = templates;
    }

    void show(Context ctx) {
        var filters = new AuditView.Filters(param(ctx, "service"), param(ctx, "run"), param(ctx, "result"),
                param(ctx, "text"));
        Frame frame = Frame.of("Audit log", SessionGate.session(ctx));
        if (!filters.run().matches("[0-9]{0,18}") || !(filters.result().isEmpty() || RESULTS.contains(filters.result()))) {
            templates.page(ctx, 400, "audit.jte", new AuditView(frame, filters, List.of(), "The run is a run id (like 42)"
                    + " and the result done, failed or unknown; or leave them empty to see every run and result."));
            return;
        }
        if (!filters.service().isEmpty() && store.services().find(filters.service()).isEmpty()) {
            templates.page(ctx, 200, "audit.jte", new AuditView(frame, filters, List.of(), "The server knows no service "
                    + RunLabels.printable(filters.service()) + ", so there are no changes of it to show. Empty the"
                    + " service field to see every service's."));
            return;
        }
        List<JournalEntry> entries = entries(filters);
        List<AuditView.Row> rows = rows(entries, filters);
        String note = rows.size() > ROWS ? "Showing the newest " + ROWS + " of the " + rows.size() + " changes that"
                + " match: narrow the filters to see older ones."
                : entries.size() >= SEARCHED ? "Only the newest " + SEARCHED + " changes were searched: filter by a"
                + " service or a run to reach older ones."
                : rows.isEmpty() ? "No change matches these filters." : null;
        templates.page(ctx, 200, "audit.jte", new AuditView(frame, filters, rows.subList(0, Math.min(ROWS, rows.size())),
                note));
    }

    /** The journal entries the filters' service and run ask for. */
    private List<JournalEntry> entries(AuditView.Filters filters) {
        Optional<String> service = Optional.of(filters.service()).filter(s -> !s.isEmpty());
        if (filters.run().isEmpty()) {
            return store.journal().newest(service, SEARCHED);
        }
        return store.journal().entries(Long.parseLong(filters.run())).stream()
                .filter(e -> service.map(e.service()::equals).orElse(true)).toList();
    }

    /** The events of {@code entries} as rows, masked and printable, that match the result and text filters. */
    private List<AuditView.Row> rows(List<JournalEntry> entries, AuditView.Filters filters) {
        Map<String, SecretMask> read = new HashMap<>();  // each service's secrets read once per page
        String text = filters.text().toLowerCase(Locale.ROOT);
        return AuditLog.events(entries, store.runs()).stream().map(event -> {
            SecretMask mask = read.computeIfAbsent(event.service(), masks);
            return new AuditView.Row(HumanTime.when(event.at()), event.service(), UiPaths.service(event.service()),
                    event.runId(), UiPaths.run(event.runId()), RunLabels.printable(mask.apply(event.release())),
                    RunLabels.printable(mask.apply(event.by())), event.result(),
                    RunLabels.printable(mask.apply(event.change())));
        }).filter(row -> filters.result().isEmpty() || row.result().equals(filters.result()))
                .filter(row -> row.change().toLowerCase(Locale.ROOT).contains(text)
                        || row.by().toLowerCase(Locale.ROOT).contains(text)).toList();
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).orElse("");
    }
}
