package io.usercanary.cluster;

import io.usercanary.config.ClusterConfig;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * What went wrong talking to the cluster database, in one secret-free line naming {@code cluster.jdbcUrl}, and
 * whether waiting can fix it (the database is down or unreachable) or a person must (credentials, permissions,
 * a database that does not exist).
 */
public record DatabaseProblem(boolean retryable, String message) {
    /** Classifies {@code failure} (any exception around an {@link SQLException}) for the database of {@code config}. */
    public static DatabaseProblem of(Throwable failure, ClusterConfig config) {
        String where = "cluster.jdbcUrl " + config.safeUrl() + ": ";
        String user = config.username() != null ? " for user '" + config.username() + "'" : "";
        String state = sqlState(failure);
        if (state.startsWith("28")) {
            return new DatabaseProblem(false, where + "the database refused the credentials" + user
                    + " (SQLSTATE " + state + "): check cluster.username and cluster.password");
        }
        if (state.equals("3D000")) {
            return new DatabaseProblem(false, where + "the database does not exist (SQLSTATE 3D000): create it first");
        }
        if (state.equals("42501")) {
            return new DatabaseProblem(false, where + "permission denied" + user + " (SQLSTATE 42501): the user needs to "
                    + "create tables in the database's schema (GRANT CREATE ON SCHEMA public), or an owner runs the first start");
        }
        if (state.equals("42P01") || state.equals("42703")) {
            return new DatabaseProblem(false, where + "the schema is not usercanary's (SQLSTATE " + state + "): "
                    + "use a database of its own");
        }
        return new DatabaseProblem(true, where + "unreachable (" + cause(failure) + ")");
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /** The innermost network reason, without messages that could echo a URL's parameters. */
    private static String cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
        }
        String state = sqlState(failure);
        if (state.startsWith("08")) {
            return "connection failed, SQLSTATE " + state;
        }
        if (state.equals("55000")) {
            return "the database is not accepting connections, SQLSTATE 55000";
        }
        if (state.startsWith("57P")) {
            return "the server is shutting down or refused connections, SQLSTATE " + state;
        }
        return state.isEmpty() ? failure.getClass().getSimpleName() : "SQLSTATE " + state;
    }
}
