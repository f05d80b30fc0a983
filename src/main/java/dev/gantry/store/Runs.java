package dev.gantry.store;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/** The runs of the flow and their stages, as stored. */
public final class Runs {
    private final Sql sql;

    Runs(Sql sql) {
        this.sql = sql;
    }

    /** Records a new run as running and returns its id. */
    public long start(NewRun run) {
        return sql.insert("INSERT INTO runs (kind, service, commit_sha, commit_title, dirty, trigger, config, image,"
                        + " state, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.kind(), run.service(), run.commit(), run.commitTitle(), run.dirty() ? 1 : 0, run.trigger(),
                run.config(), run.image(), RunState.RUNNING.word(), now());
    }

    /** Records how a run ended. */
    public void finish(long runId, RunState state, Optional<String> failedStage, Optional<String> message) {
        sql.update("UPDATE runs SET state = ?, failed_stage = ?, message = ?, finished_at = ? WHERE id = ?",
                state.word(), failedStage.orElse(null), message.orElse(null), now(), runId);
    }

    /** Records the colour a run's release went live in, and how many replicas it was deployed or scaled to. */
    public void wentLive(long runId, String colour, int replicas) {
        sql.update("UPDATE runs SET colour = ?, replicas = ? WHERE id = ?", colour, replicas, runId);
    }

    /** Records the colour a run's release went live in, where how many replicas it runs is not known (a recovery). */
    public void wentLive(long runId, String colour) {
        sql.update("UPDATE runs SET colour = ?, replicas = NULL WHERE id = ?", colour, runId);
    }

    /**
     * The newest succeeded runs of {@code service} that put a release live, newest first: what
     * {@code rollback} chooses from.
     */
    public List<RunRecord> releases(String service, int limit) {
        return runs("id IN (SELECT id FROM runs WHERE service = ? AND state = ? AND colour IS NOT NULL"
                + " ORDER BY id DESC LIMIT ?)", "id DESC", service, RunState.SUCCEEDED.word(), limit);
    }

    /** Records that a stage of a run has started. */
    public void stageStarted(long runId, String stage) {
        sql.insert("INSERT INTO stages (run_id, name, state, started_at) VALUES (?, ?, ?, ?)",
                runId, stage, StageState.RUNNING.word(), now());
    }

    /** Records how a stage ended, with its message and its whole log. */
    public void stageFinished(long runId, String stage, StageState state, Optional<String> message,
                              Path logPath, String log) {
        stageFinished(runId, stage, state, message, logPath, log, Optional.empty());
    }

    /** Records how a stage ended, with its message, the log kept of it and what was cut of that log. */
    public void stageFinished(long runId, String stage, StageState state, Optional<String> message,
                              Path logPath, String log, Optional<String> outputCut) {
        sql.update("UPDATE stages SET state = ?, message = ?, log_path = ?, log = ?, output_cut = ?, finished_at = ?"
                        + " WHERE run_id = ? AND name = ?",
                state.word(), message.orElse(null), logPath.toString(), log, outputCut.orElse(null), now(), runId, stage);
    }

    /** Records that a stage never ended because its process stopped; its log stays as it was. */
    public void stageInterrupted(long runId, String stage, String message) {
        sql.update("UPDATE stages SET state = ?, message = ?, finished_at = ? WHERE run_id = ? AND name = ?",
                StageState.CANCELLED.word(), message, now(), runId, stage);
    }

    /** The newest runs of {@code service}, newest first. */
    public List<RunRecord> history(String service, int limit) {
        return runs("id IN (SELECT id FROM runs WHERE service = ? ORDER BY id DESC LIMIT ?)", "id DESC", service, limit);
    }

    /** The newest run of every service that has one, by service: one query for a page of all services. */
    public Map<String, RunRecord> newestOfEach() {
        return byService(runs("id IN (SELECT MAX(id) FROM runs GROUP BY service)", "id"));
    }

    /**
     * For each service of {@code releases} (service to commit), the newest succeeded run of the service that put that
     * commit live (a run, a deploy or a rollback of it; a scale only changes how many replicas run), by service;
     * services without one are left out.
     */
    public Map<String, RunRecord> putLive(Map<String, String> releases) {
        Map<String, Long> ids = newestOfReleases(releases, "id",
                "state = ? AND colour IS NOT NULL AND kind <> 'scale'", rs -> rs.getLong(3), RunState.SUCCEEDED.word());
        return ids.isEmpty() ? Map.of()
                : byService(runs("id IN (" + marks(ids.size()) + ")", "id", ids.values().toArray()));
    }

    /**
     * For each service of {@code releases} (service to commit), how many replicas that release should run: as many as
     * the newest succeeded run of it that went live deployed or scaled it to (docs/scaling.md), by service; services
     * whose run did not record the number (one recorded before Gantry kept it, a recovered one) are left out.
     */
    public Map<String, Integer> wantedReplicas(Map<String, String> releases) {
        return newestOfReleases(releases, "replicas", "state = ? AND colour IS NOT NULL", rs -> {
            int replicas = rs.getInt(3);
            return rs.wasNull() ? null : replicas;
        }, RunState.SUCCEEDED.word());
    }

    /**
     * For each service of {@code releases} (service to commit), the commit title of the newest run (kind {@code run})
     * of the service that built that commit, by service; a deploy's or a rollback's own title only names the image.
     */
    public Map<String, String> builtTitles(Map<String, String> releases) {
        return newestOfReleases(releases, "commit_title", "kind = 'run'", rs -> rs.getString(3));
    }

    /**
     * For each service of {@code releases} (service to commit), {@code column} of the newest run of the service and its
     * commit that meets {@code condition} (with {@code params}), read by {@code value} as the third column; by service,
     * those with none or a null value left out. One query for every service.
     */
    private <T> Map<String, T> newestOfReleases(Map<String, String> releases, String column, String condition,
                                                Sql.Row<T> value, Object... params) {
        if (releases.isEmpty()) {
            return Map.of();
        }
        List<Object> all = new ArrayList<>(List.of(params));
        all.addAll(new TreeSet<>(releases.values()));
        Map<String, T> found = new HashMap<>();
        sql.query("SELECT service, commit_sha, " + column + " FROM runs WHERE id IN (SELECT MAX(id) FROM runs WHERE "
                        + condition + " AND commit_sha IN (" + marks(all.size() - params.length) + ")"
                        + " GROUP BY service, commit_sha)",
                rs -> new Found<>(rs.getString(1), rs.getString(2), value.read(rs)), all.toArray()).stream()
                .filter(row -> row.commit().equals(releases.get(row.service())) && row.value() != null)
                .forEach(row -> found.put(row.service(), row.value()));
        return found;
    }

    /** A value of the newest run of a service's release. */
    private record Found<T>(String service, String commit, T value) {
    }

    /** Whether {@code service} has a run of {@code commit}, in any state. */
    public boolean ran(String service, String commit) {
        return !sql.query("SELECT 1 FROM runs WHERE service = ? AND commit_sha = ? LIMIT 1", rs -> true, service,
                commit).isEmpty();
    }

    /**
     * Whether a run (the whole flow, not a deploy) of {@code service} built {@code image} and passed
     * its tests and its push: an image Gantry tested, which {@code deploy} accepts without more.
     */
    public boolean tested(String service, String image) {
        return !sql.query("SELECT 1 FROM runs r WHERE r.service = ? AND r.kind = 'run' AND r.image = ?"
                + " AND EXISTS (SELECT 1 FROM stages s WHERE s.run_id = r.id AND s.name = 'test' AND s.state = ?)"
                + " AND EXISTS (SELECT 1 FROM stages s WHERE s.run_id = r.id AND s.name = 'push' AND s.state = ?)"
                + " LIMIT 1", rs -> true, service, image, StageState.PASSED.word(), StageState.PASSED.word()).isEmpty();
    }

    /** The runs whose changes could not all be taken back and wait for a person, oldest first. */
    public List<RunRecord> needingAttention() {
        return runs("state = ?", "id", RunState.NEEDS_ATTENTION.word());
    }

    /** One run, if it exists. */
    public Optional<RunRecord> find(long runId) {
        return runs("id = ?", "id", runId).stream().findFirst();
    }

    /** The stored log of one stage of a run. */
    public Optional<String> stageLog(long runId, String stage) {
        return sql.query("SELECT log FROM stages WHERE run_id = ? AND name = ?",
                rs -> Optional.ofNullable(rs.getString(1)), runId, stage).stream().findFirst().flatMap(l -> l);
    }

    /**
     * The runs that meet {@code condition} (SQL over the runs table, with {@code params}) in {@code order}, each with
     * its stages: two queries however many runs, and no stage's log read.
     */
    private List<RunRecord> runs(String condition, String order, Object... params) {
        Map<Long, List<StageRecord>> stages = new HashMap<>();
        sql.query("SELECT run_id, name, state, started_at, finished_at, message, log_path, output_cut FROM stages"
                + " WHERE run_id IN (SELECT id FROM runs WHERE " + condition + ") ORDER BY started_at, rowid", rs -> {
                    stages.computeIfAbsent(rs.getLong("run_id"), id -> new ArrayList<>()).add(stage(rs));
                    return true;
                }, params);
        return sql.query("SELECT * FROM runs WHERE " + condition + " ORDER BY " + order,
                rs -> run(rs, stages.getOrDefault(rs.getLong("id"), List.of())), params);
    }

    private static RunRecord run(ResultSet rs, List<StageRecord> stages) throws SQLException {
        int count = rs.getInt("replicas");
        OptionalInt replicas = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(count);
        return new RunRecord(rs.getLong("id"), rs.getString("kind"), rs.getString("service"), rs.getString("commit_sha"),
                rs.getString("commit_title"),
                rs.getInt("dirty") == 1, rs.getString("trigger"), RunState.parse(rs.getString("state")),
                Optional.ofNullable(rs.getString("failed_stage")), Optional.ofNullable(rs.getString("message")),
                instant(rs, "started_at").orElseThrow(), instant(rs, "finished_at"),
                Optional.ofNullable(rs.getString("config")), Optional.ofNullable(rs.getString("image")),
                Optional.ofNullable(rs.getString("colour")),
                replicas, List.copyOf(stages));
    }

    private static StageRecord stage(ResultSet rs) throws SQLException {
        return new StageRecord(rs.getString("name"), StageState.valueOf(rs.getString("state").toUpperCase()),
                instant(rs, "started_at").orElseThrow(), instant(rs, "finished_at"),
                Optional.ofNullable(rs.getString("message")), Optional.ofNullable(rs.getString("log_path")),
                Optional.ofNullable(rs.getString("output_cut")));
    }

    private static Map<String, RunRecord> byService(List<RunRecord> runs) {
        Map<String, RunRecord> byService = new HashMap<>();
        runs.forEach(run -> byService.put(run.service(), run));
        return byService;
    }

    /** {@code ?, ?, ?}: {@code count} parameter marks for an IN list. */
    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
