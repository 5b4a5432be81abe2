package io.usercanary.cluster;

import io.usercanary.config.ClusterConfig;
import io.usercanary.testing.Components;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the test PostgreSQL ({@link Components#postgresJdbcUrl()}), created empty and dropped
 * (with every connection still open to it) by {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String name;

    private TestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    public static TestDatabase create() throws SQLException {
        String admin = Components.postgresJdbcUrl();
        TestDatabase db = new TestDatabase(admin, "usercanary_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        db.admin("CREATE DATABASE " + db.name);
        return db;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database, as the admin user (trust auth). */
    public String url() {
        return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /** A cluster block for this database. */
    public ClusterConfig cluster() {
        return new ClusterConfig(url(), null, null, null, null);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Runs {@code sql} on this database. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs {@code sql} on the admin database (CREATE/ALTER DATABASE, roles). */
    public void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Refuses new connections and ends the open ones: the database is down for every replica. */
    public void stop() throws SQLException {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    public void restart() throws SQLException {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
