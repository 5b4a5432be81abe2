package io.usercanary.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops what Quartz's JDBC job store and HikariCP log, with a stack trace, each time they fail to reach the
 * cluster database (Quartz's cluster manager and misfire handler log ERROR every check-in, the scheduler thread
 * every scan, and a WARN each time it cannot restore a dropped connection): an outage is one WARN line from the cluster's health check
 * and one INFO line when it ends. Anything else these libraries log, a constraint violation or a bad table,
 * still gets through with its trace.
 */
final class DatabaseOutageFilter extends TurboFilter {
    static final List<String> LIBRARIES = List.of("org.quartz.impl.jdbcjobstore", "org.quartz.core", "com.zaxxer.hikari");
    /**
     * SQLSTATEs of "cannot reach the database": connection exceptions, shutdown, cannot connect now, and
     * 55000, which PostgreSQL answers for a database that does not accept connections.
     */
    private static final List<String> UNREACHABLE_STATES = List.of("08", "57P01", "57P02", "57P03", "55000");

    /**
     * Called for every log call, enabled or not, on every thread (the scheduler's and the flows' too): a call
     * without a throwable, nearly all of them, returns at the first test, without allocating.
     */
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (thrown == null || logger == null || !fromLibrary(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        return unreachable(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean fromLibrary(String name) {
        for (int i = 0; i < LIBRARIES.size(); i++) {
            String library = LIBRARIES.get(i);
            if (name.startsWith(library) && (name.length() == library.length() || name.charAt(library.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    static boolean unreachable(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SocketException
                    || cause instanceof EOFException) {
                return true;
            }
            // No SQLSTATE: the pool's own "Connection is closed" for a connection the server dropped.
            if (cause instanceof SQLException sql && unreachableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachableState(String state) {
        if (state == null) {
            return true;
        }
        for (int i = 0; i < UNREACHABLE_STATES.size(); i++) {
            if (state.startsWith(UNREACHABLE_STATES.get(i))) {
                return true;
            }
        }
        return false;
    }
}
