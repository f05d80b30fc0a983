package dev.gantry.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store's one JDBC connection, opened again on its next use when something closed it under the
 * store: on PostgreSQL a virtual thread interrupted in socket I/O closes the socket, and a server that
 * restarted or ended the session closes it too. The statement that met the closed connection fails;
 * the ones after it work, so a long-running {@code gantry server} does not lose its store for good.
 */
final class StoreConnection implements AutoCloseable {
    /** Opens a new connection to the store's database. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private Connection connection;
    private boolean closed;

    StoreConnection(Opener opener) throws SQLException {
        this.opener = opener;
        this.connection = opener.open();
    }

    /** The connection, opened again first if it was closed under the store (not by {@link #close()}). */
    synchronized Connection get() throws SQLException {
        if (!closed && connection.isClosed()) {
            connection = opener.open();
        }
        return connection;
    }

    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        connection.close();
    }
}
