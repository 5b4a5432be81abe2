package io.usercanary.cluster;

import io.usercanary.config.ClusterConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Turns the daemon's Quartz properties into a member of the cluster: Quartz's clustered JDBC job store on the
 * shared pool, one scheduler name for every replica (the rows they share are keyed on it), an instance id of
 * its own per replica, and waits sized by {@code checkinInterval} so a dead replica's accounts and a returning
 * database are picked up within seconds. Every replica must use the same properties but the thread count.
 */
public final class QuartzClusterProperties {
    /** The scheduler name every replica uses: Quartz's SCHED_NAME column. */
    public static final String SCHEDULER_NAME = "usercanary";
    /** The name the shared pool is registered under with Quartz's {@link DBConnectionManager}. */
    static final String DATA_SOURCE = "usercanary";
    static final String INSTANCE_NAME = "org.quartz.scheduler.instanceName";
    static final String CLUSTERED = "org.quartz.jobStore.isClustered";

    private QuartzClusterProperties() {}

    /** {@code base} (thread pool, misfire threshold) with the clustered job store of {@code cluster}. */
    public static Properties of(Properties base, ClusterConfig cluster) {
        long checkin = cluster.checkinInterval().toMillis();
        Properties p = new Properties();
        p.putAll(base);
        p.setProperty(INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty(CLUSTERED, "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin));
        // Job data holds only the account name: plain strings, no serialized Java objects in the database.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // How soon a failed acquisition or check-in is retried: the database coming back is noticed within this.
        p.setProperty("org.quartz.jobStore.dbRetryInterval", Long.toString(checkin));
        // How far ahead a replica claims a trigger, and how long it sleeps when it has none: a trigger freed by a
        // dead replica or added by another one is seen within this (Quartz's default is 30 s).
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(Math.max(1000, Math.min(checkin, 5000))));
        return p;
    }

    /** True for properties made by {@link #of}. */
    public static boolean clustered(Properties properties) {
        return Boolean.parseBoolean(properties.getProperty(CLUSTERED, "false"));
    }

    /** Lets Quartz borrow from {@code dataSource}; the pool is closed by its owner, never by a scheduler's shutdown. */
    static void register(DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool outlives any one scheduler: a reload may replace the scheduler and keep the pool.
            }

            @Override
            public void initialize() {
            }
        });
    }

    /** When Quartz declares a silent replica dead: its last check-in plus the interval plus Quartz's fixed 7.5 s. */
    public static Duration failureDetection(ClusterConfig cluster) {
        return cluster.checkinInterval().plusMillis(7500);
    }
}
