package io.usercanary.cluster;

import io.usercanary.probe.RunResult;
import io.usercanary.store.AccountHistory;
import io.usercanary.store.ResultStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ResultStore} replicas share: every replica writes its runs to PostgreSQL and reads the cluster's
 * latest result per account, so every status page, {@code /runs/{id}} and gauge shows the same. Run ids come
 * from one database sequence (unique across replicas); a stored run is returned under that id.
 *
 * <p>Runs are kept for {@code retention}, except each account's latest run and last failure; {@link #prune}
 * deletes the rest. While the database is unreachable a run is not stored (the local metrics still count it)
 * and reads answer the last history read for that account. Thread-safe; never throws from a read or {@link #onRun}.
 */
public final class PostgresResultStore implements ResultStore {
    /** How long runs are kept for {@code /runs/{id}} and the strip. */
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresResultStore.class);

    private static final String INSERT_RUN = "INSERT INTO usercanary_runs (id, account, started_at, passed, replica, summary, trace)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    // Ordered by start time, so a late write of an older run (a slow replica) never replaces a newer state.
    private static final String UPSERT_ACCOUNT = "INSERT INTO usercanary_accounts AS a"
            + " (account, latest_id, latest_started_at, last_failure_id, last_success_at, failing_since)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET"
            + " latest_id = CASE WHEN EXCLUDED.latest_started_at >= a.latest_started_at THEN EXCLUDED.latest_id ELSE a.latest_id END,"
            + " latest_started_at = GREATEST(a.latest_started_at, EXCLUDED.latest_started_at),"
            + " last_failure_id = COALESCE(EXCLUDED.last_failure_id, a.last_failure_id),"
            + " last_success_at = GREATEST(a.last_success_at, EXCLUDED.last_success_at),"
            + " failing_since = CASE WHEN EXCLUDED.latest_started_at < a.latest_started_at THEN a.failing_since"
            + "   WHEN EXCLUDED.last_success_at IS NOT NULL THEN NULL"
            + "   ELSE COALESCE(a.failing_since, EXCLUDED.failing_since) END";
    private static final String ACCOUNT = "SELECT a.last_success_at, a.failing_since, l.id, l.trace, f.id, f.trace"
            + " FROM usercanary_accounts a LEFT JOIN usercanary_runs l ON l.id = a.latest_id"
            + " LEFT JOIN usercanary_runs f ON f.id = a.last_failure_id WHERE a.account = ?";
    private static final String STRIP_SQL = "SELECT id, summary FROM usercanary_runs WHERE account = ?"
            + " ORDER BY started_at DESC, id DESC LIMIT ?";
    private static final String PRUNE = "DELETE FROM usercanary_runs r WHERE r.started_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM usercanary_accounts a WHERE a.latest_id = r.id OR a.last_failure_id = r.id)";
    private static final String PRUNE_ACCOUNTS = "DELETE FROM usercanary_accounts WHERE latest_started_at < ?";

    private final DataSource database;
    private final String replica;
    private final Clock clock;
    private final Map<String, AccountHistory> lastRead = new ConcurrentHashMap<>();
    private final AtomicBoolean writeFailing = new AtomicBoolean();

    /** {@code replica} is recorded with each run, for whoever reads the table. */
    public PostgresResultStore(DataSource database, String replica, Clock clock) {
        this.database = database;
        this.replica = replica;
        this.clock = clock;
    }

    @Override
    public void onRun(RunResult result) {
        if (result != null) {
            stored(result);
        }
    }

    /** Stores {@code result}: the run under the cluster's id, or unchanged when it could not be stored. */
    RunResult stored(RunResult result) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try {
                id = nextId(c);
                insert(c, result, id);
                upsert(c, result, id);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            if (writeFailing.compareAndSet(true, false)) {
                LOG.info("run results are stored in the cluster database again");
            }
            return withId(result, id);
        } catch (SQLException | RuntimeException e) {
            if (writeFailing.compareAndSet(false, true)) {
                LOG.warn("run {} of account {} was not stored in the cluster database ({}); other replicas will not see it",
                        result.id(), result.account(), e.getClass().getSimpleName());
            }
            return result;
        }
    }

    @Override
    public Optional<RunResult> run(long id) {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT trace FROM usercanary_runs WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(RunJson.read(r.getString(1), id)) : Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("run {} could not be read: {}", id, e.toString());
            return lastRead.values().stream().flatMap(h -> h.latest().stream()).filter(r -> r.id() == id).findFirst();
        }
    }

    @Override
    public AccountHistory history(String account) {
        try (Connection c = database.getConnection()) {
            AccountHistory history = read(c, account);
            lastRead.put(account, history);
            return history;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("history of {} could not be read: {}", account, e.toString());
            return lastRead.getOrDefault(account, AccountHistory.none(account));
        }
    }

    /** Another replica may still run an account this one's config dropped: the database forgets it by age instead. */
    @Override
    public void retain(Set<String> names) {
        lastRead.keySet().retainAll(names);
    }

    /** How many of {@code accounts} no replica has run yet (all of them while the database cannot be read). */
    public int neverRun(List<String> accounts) {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM usercanary_accounts WHERE account = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", accounts.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return accounts.size() - r.getInt(1);
            }
        } catch (SQLException | RuntimeException e) {
            return accounts.size();
        }
    }

    /** When the newest run of any replica started; empty when none is stored or the database cannot be read. */
    public Optional<Instant> latestStart() {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT max(latest_started_at) FROM usercanary_accounts");
                ResultSet r = s.executeQuery()) {
            return r.next() ? instant(r.getTimestamp(1)) : Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The newest stored run's id (0 when none): where following the other replicas' runs starts. */
    long latestId() throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT coalesce(max(id), 0) FROM usercanary_runs");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Each account's latest run, when another replica did it and its id is at most {@code upTo}. */
    List<RunResult> latestOfOthers(long upTo) throws SQLException {
        return query("SELECT r.id, r.trace FROM usercanary_accounts a JOIN usercanary_runs r ON r.id = a.latest_id"
                + " WHERE r.id <= ? AND r.replica <> ? ORDER BY r.id", upTo, Integer.MAX_VALUE);
    }

    /** At most {@code limit} runs other replicas stored after run {@code afterId}, oldest first. */
    List<RunResult> othersAfter(long afterId, int limit) throws SQLException {
        return query("SELECT id, trace FROM usercanary_runs WHERE id > ? AND replica <> ? ORDER BY id LIMIT ?", afterId, limit);
    }

    private List<RunResult> query(String sql, long id, int limit) throws SQLException {
        List<RunResult> runs = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setReadOnly(true);
            s.setLong(1, id);
            s.setString(2, replica);
            if (limit != Integer.MAX_VALUE) {
                s.setInt(3, limit);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(RunJson.read(r.getString(2), r.getLong(1)));
                }
            }
        }
        return runs;
    }

    /** Deletes the runs and accounts older than {@link #RETENTION}; the number of runs deleted. */
    public int prune() throws SQLException {
        Timestamp before = Timestamp.from(clock.instant().minus(RETENTION));
        try (Connection c = database.getConnection();
                PreparedStatement runs = c.prepareStatement(PRUNE);
                PreparedStatement accounts = c.prepareStatement(PRUNE_ACCOUNTS)) {
            accounts.setTimestamp(1, before);
            accounts.executeUpdate();
            runs.setTimestamp(1, before);
            return runs.executeUpdate();
        }
    }

    private static long nextId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT nextval('usercanary_run_ids')"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void insert(Connection c, RunResult result, long id) throws SQLException {
        RunResult stored = withId(result, id);
        try (PreparedStatement s = c.prepareStatement(INSERT_RUN)) {
            s.setLong(1, id);
            s.setString(2, result.account());
            s.setTimestamp(3, Timestamp.from(result.startedAt()));
            s.setBoolean(4, result.passed());
            s.setString(5, replica);
            s.setString(6, RunJson.write(RunJson.summary(stored)));
            s.setString(7, RunJson.write(stored));
            s.executeUpdate();
        }
    }

    private static void upsert(Connection c, RunResult result, long id) throws SQLException {
        Timestamp started = Timestamp.from(result.startedAt());
        try (PreparedStatement s = c.prepareStatement(UPSERT_ACCOUNT)) {
            s.setString(1, result.account());
            s.setLong(2, id);
            s.setTimestamp(3, started);
            if (result.passed()) {
                s.setNull(4, java.sql.Types.BIGINT);
                s.setTimestamp(5, started);
                s.setNull(6, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setLong(4, id);
                s.setNull(5, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                s.setTimestamp(6, started);
            }
            s.executeUpdate();
        }
    }

    private static AccountHistory read(Connection c, String account) throws SQLException {
        Optional<RunResult> latest = Optional.empty();
        Optional<RunResult> lastFailure = Optional.empty();
        Optional<Instant> lastSuccess = Optional.empty();
        Optional<Instant> failingSince = Optional.empty();
        c.setReadOnly(true);
        try (PreparedStatement s = c.prepareStatement(ACCOUNT)) {
            s.setString(1, account);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return AccountHistory.none(account);
                }
                lastSuccess = instant(r.getTimestamp(1));
                failingSince = instant(r.getTimestamp(2));
                latest = r.getString(4) == null ? Optional.empty() : Optional.of(RunJson.read(r.getString(4), r.getLong(3)));
                lastFailure = r.getString(6) == null ? Optional.empty() : Optional.of(RunJson.read(r.getString(6), r.getLong(5)));
            }
        }
        List<RunResult> recent = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(STRIP_SQL)) {
            s.setString(1, account);
            s.setInt(2, STRIP);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    recent.add(RunJson.read(r.getString(2), r.getLong(1)));
                }
            }
        }
        Collections.reverse(recent);
        return new AccountHistory(account, latest, lastFailure, lastSuccess, failingSince, recent);
    }

    private static Optional<Instant> instant(Timestamp t) {
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static RunResult withId(RunResult r, long id) {
        return new RunResult(id, r.account(), r.cohort(), r.ageSeconds(), r.startedAt(), r.duration(), r.outcome(),
                r.detail(), r.steps(), r.payload(), r.firebaseError(), r.loginPath());
    }
}
