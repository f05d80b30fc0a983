package dev.gantry.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The requests each release answered, period by period (docs/observability.md), written by gantry server. */
public final class RequestFigures {
    private final Sql sql;

    RequestFigures(Sql sql) {
        this.sql = sql;
    }

    /** Records {@code period}; a period recorded already for its colour and release is kept as it was. */
    public void add(RequestPeriod period) {
        sql.update("INSERT INTO request_figures (service, colour, release_sha, period_start, period_seconds, requests,"
                        + " errors, total_ms, latency_buckets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (service, period_start, colour, release_sha) DO NOTHING",
                period.service(), period.colour(), period.release(), period.start().toEpochMilli(), period.seconds(),
                period.requests(), period.errors(), period.totalMillis(),
                period.latencyBuckets().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** The periods of {@code service} (every colour and release) that began at {@code from} or later and before {@code to}, oldest first. */
    public List<RequestPeriod> of(String service, Instant from, Instant to) {
        return sql.query("SELECT service, colour, release_sha, period_start, period_seconds, requests, errors, total_ms,"
                        + " latency_buckets FROM request_figures WHERE service = ? AND period_start >= ? AND period_start < ?"
                        + " ORDER BY period_start, colour",
                rs -> new RequestPeriod(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        buckets(rs.getString(9))),
                service, from.toEpochMilli(), to.toEpochMilli());
    }

    /** Removes the periods that began before {@code before}; answers how many. */
    public int removeBefore(Instant before) {
        return sql.update("DELETE FROM request_figures WHERE period_start < ?", before.toEpochMilli());
    }

    private static List<Long> buckets(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }
}
