package dev.gantry.store;

import java.time.Duration;
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

    /**
     * The requests and errors of every service from {@code from} to {@code to} in buckets of {@code bucket}, summed
     * over its colours and releases in SQL: bucket {@code n} holds the periods that began at {@code from + n * bucket}
     * or later and before the next bucket. Only the buckets with a period are answered, by service and bucket.
     */
    public List<RequestSum> sums(Instant from, Instant to, Duration bucket) {
        long start = from.toEpochMilli();
        return sql.query("SELECT service, bucket, SUM(requests), SUM(errors) FROM (SELECT service, (period_start - ?) / ?"
                        + " AS bucket, requests, errors FROM request_figures WHERE period_start >= ? AND period_start < ?)"
                        + " AS periods GROUP BY service, bucket ORDER BY service, bucket",
                rs -> new RequestSum(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)),
                start, bucket.toMillis(), start, to.toEpochMilli());
    }

    /** Removes the periods that began before {@code before}; answers how many. */
    public int removeBefore(Instant before) {
        return sql.update("DELETE FROM request_figures WHERE period_start < ?", before.toEpochMilli());
    }

    private static List<Long> buckets(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }
}
