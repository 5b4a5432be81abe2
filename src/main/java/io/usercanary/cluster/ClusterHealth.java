package io.usercanary.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.config.ClusterConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica can reach the cluster database, and how many replicas are checking in, read from Quartz's
 * {@code QRTZ_SCHEDULER_STATE} by {@link #check} (called every {@code checkinInterval}). Exported as
 * {@code usercanary_cluster_database_up} and {@code usercanary_cluster_members}. Thread-safe.
 */
public final class ClusterHealth {
    static final String MEMBERS = "usercanary.cluster.members";
    static final String DATABASE_UP = "usercanary.cluster.database.up";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHealth.class);
    /** A replica is a member while its last check-in is younger than its interval plus Quartz's own 7.5 s grace. */
    private static final String MEMBERS_SQL = "SELECT count(*) FROM qrtz_scheduler_state"
            + " WHERE sched_name = ? AND last_checkin_time + checkin_interval + 7500 >= ?";

    private final DataSource database;
    private final ClusterConfig config;
    private final Clock clock;
    private volatile boolean up;
    private volatile int members;
    private volatile Instant downSince;
    private static final String NOT_CHECKED = "not checked yet";
    private volatile String problem = NOT_CHECKED;

    public ClusterHealth(DataSource database, ClusterConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.downSince = clock.instant();
    }

    /** Registers the two gauges; the registry's common tags (environment, location) are their only labels. */
    public ClusterHealth register(MeterRegistry registry) {
        Gauge.builder(MEMBERS, this, h -> h.members)
                .description("Replicas whose Quartz check-in in the cluster database is recent, as this replica last read it")
                .register(registry);
        Gauge.builder(DATABASE_UP, this, h -> h.up ? 1 : 0)
                .description("1 when this replica's last query of the cluster database succeeded; 0: no replica can fire jobs")
                .register(registry);
        return this;
    }

    /** Reads the members once; a failure marks the database down with its reason. */
    public void check() {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(MEMBERS_SQL)) {
            s.setString(1, QuartzClusterProperties.SCHEDULER_NAME);
            s.setLong(2, clock.millis());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                members = r.getInt(1);
            }
            markUp();
        } catch (SQLException | RuntimeException e) {
            markDown(DatabaseProblem.of(e, config));
        }
    }

    /** The database answered (a migration or a query succeeded). */
    void markUp() {
        if (!up) {
            if (downSince != null && !problem.equals(NOT_CHECKED)) {
                LOG.info("the cluster database {} answers again after {}s", config.safeUrl(),
                        Duration.between(downSince, clock.instant()).toSeconds());
            }
            up = true;
            downSince = null;
            problem = "";
        }
    }

    void markDown(DatabaseProblem cause) {
        // One WARN line per outage, as the operator wants it; a changing reason within it (shutting down,
        // then not accepting connections) is only worth a debug line, and /-/healthy shows the latest.
        boolean newOutage = up || downSince == null || problem.equals(NOT_CHECKED);
        if (newOutage) {
            LOG.warn("{}: no job fires until it answers; checking again every {}s", cause.message(),
                    config.checkinInterval().toSeconds());
        } else if (!cause.message().equals(problem)) {
            LOG.debug("still down: {}", cause.message());
        }
        if (up || downSince == null) {
            downSince = clock.instant();
        }
        up = false;
        problem = cause.message();
    }

    public boolean databaseUp() {
        return up;
    }

    public int members() {
        return members;
    }

    /** Why the database is not usable, and since when; empty while it answers. */
    public Optional<String> problem() {
        if (up) {
            return Optional.empty();
        }
        Instant since = downSince;
        long seconds = since == null ? 0 : Duration.between(since, clock.instant()).toSeconds();
        return Optional.of(problem + " (for " + seconds + "s)");
    }
}
