package io.usercanary.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A database outage is the cluster health check's one WARN line, not a stack trace per library per check-in. */
class DatabaseOutageFilterTest {
    LoggerContext context = new LoggerContext();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void configure() {
        new StderrLogging().configure(context);
        logged.setContext(context);
        logged.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
    }

    /** What Quartz 2.5's JDBC job store throws when PostgreSQL is gone: the pool's timeout around the driver's 08001. */
    static Exception outage() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("refused"));
        return new Exception("Failed to obtain DB connection from data source 'usercanary'",
                new SQLTransientConnectionException("usercanary-db - Connection is not available", "08001", refused));
    }

    @Test
    void quartzAndHikariOutageTracesAreDropped() {
        context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX").error("ClusterManager: Error managing cluster: x", outage());
        context.getLogger("org.quartz.core.ErrorLogger").error("An error occurred while scanning for the next triggers to fire.", outage());
        context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").error("{} - Connection {} marked as broken because of SQLSTATE({})",
                "usercanary-db", "PgConnection@1", "08006", new SQLException("I/O error", "08006"));
        // Seen in ReplicasIT: Quartz rolling back and restoring a connection the server dropped.
        context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX").error("Couldn't rollback jdbc connection. Connection is closed",
                new SQLException("Connection is closed"));
        context.getLogger("org.quartz.impl.jdbcjobstore.AttributeRestoringConnectionInvocationHandler")
                .warn("Failed restore connection's original auto commit setting.", new SQLException("Connection is closed"));
        context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX").error("ClusterManager: Error managing cluster",
                new SQLException("FATAL: database \"usercanary\" is not currently accepting connections", "55000"));
        assertEquals(List.of(), messages());
    }

    @Test
    void otherErrorsOfTheSameLibrariesAndOurOwnOutageLinesGetThrough() {
        context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX").error("Couldn't store trigger",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        context.getLogger("io.usercanary.cluster.ClusterHealth").warn("cluster.jdbcUrl jdbc:postgresql://x does not answer", outage());
        context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX").error("no exception at all");
        assertEquals(List.of("Couldn't store trigger", "cluster.jdbcUrl jdbc:postgresql://x does not answer", "no exception at all"),
                messages());
    }

    @Test
    void flywayAndHikariInfoLinesAreQuiet() {
        context.getLogger("org.flywaydb.core.internal.command.DbMigrate").info("Schema \"public\" is up to date.");
        context.getLogger("com.zaxxer.hikari.HikariDataSource").info("usercanary-db - Start completed.");
        assertEquals(List.of(), messages());
    }

    private List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getMessage).toList();
    }
}
