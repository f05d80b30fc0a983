package dev.gantry.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prepared statements over the store's one connection, serialised, with errors made readable. */
final class Sql {
    /** Reads one row into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private final String url;
    private final StoreConnection connection;

    Sql(String url, StoreConnection connection) {
        this.url = url;
        this.connection = connection;
    }

    synchronized long insert(String sql, Object... params) {
        return uninterrupted("Writing to", () -> {
            try (PreparedStatement ps = connection.get().prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
                bind(ps, params);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(keyColumn(keys)) : -1L;
                }
            }
        });
    }

    synchronized int update(String sql, Object... params) {
        return uninterrupted("Writing to", () -> {
            try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    synchronized <T> List<T> query(String sql, Row<T> row, Object... params) {
        return uninterrupted("Reading", () -> {
            try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                    return rows;
                }
            }
        });
    }

    /**
     * Runs {@code work} with the calling thread's interrupt set aside and restored afterwards: socket
     * I/O on an interrupted virtual thread closes the socket, so a stage interrupted past its deadline
     * that then records its undo would close PostgreSQL's one connection for the whole process.
     */
    private <T> T uninterrupted(String doing, Work<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(doing, url, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SQLite answers last_insert_rowid() alone; PostgreSQL answers the whole row, whose key is its id. */
    private static int keyColumn(ResultSet keys) throws SQLException {
        ResultSetMetaData meta = keys.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnName(i).equalsIgnoreCase("id")) {
                return i;
            }
        }
        return 1;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
