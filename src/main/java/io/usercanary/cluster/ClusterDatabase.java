package io.usercanary.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.usercanary.config.ClusterConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The pooled connections to the cluster's PostgreSQL, shared by Quartz's job store and the result store.
 * Opening never connects: a database that is down at start is retried by whoever uses the pool, and every
 * borrow, connect and statement is bounded so a vanished database fails fast instead of hanging a thread.
 */
public final class ClusterDatabase implements AutoCloseable {
    /** How long a borrow waits for a connection, and how long connecting may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** A statement that gets no answer for this long has lost its database. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);

    private final ClusterConfig config;
    private final HikariDataSource pool;

    private ClusterDatabase(ClusterConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
    }

    /** A pool of at most {@code maxConnections} for {@code config}; nothing is connected yet. */
    public static ClusterDatabase open(ClusterConfig config, int maxConnections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("usercanary-db");
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.username() != null) {
            hikari.setUsername(config.username());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password().reveal());
        }
        hikari.setMaximumPoolSize(maxConnections);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        hikari.setValidationTimeout(Math.min(CONNECT_TIMEOUT.toMillis(), 2000));
        hikari.setInitializationFailTimeout(-1);
        hikari.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        hikari.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        hikari.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        hikari.addDataSourceProperty("ApplicationName", "usercanary");
        return new ClusterDatabase(config, new HikariDataSource(hikari));
    }

    public DataSource dataSource() {
        return pool;
    }

    public ClusterConfig config() {
        return config;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
