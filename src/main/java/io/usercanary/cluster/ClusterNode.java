package io.usercanary.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.config.ClusterConfig;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import io.usercanary.store.ResultStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a replica of the cluster: the pool, the shared {@link ResultStore}, the Quartz properties of
 * the clustered job store, and the health the daemon reports. {@link #prepare} creates or upgrades the schema;
 * a database that is down at start is retried in the background until it answers. Thread-safe.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final int POOL_SIZE = 6;
    static final Duration FOLLOW_EVERY = Duration.ofSeconds(5);

    private final ClusterConfig config;
    private final ClusterDatabase database;
    private final PostgresResultStore results;
    private final ClusterHealth health;
    private final ScheduledExecutorService background;
    private volatile OtherReplicasRuns others;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile boolean retrying;

    /** What runs once the schema is ready after a wait: starting the scheduler. */
    @FunctionalInterface
    public interface OnReady {
        void run() throws Exception;
    }

    private ClusterNode(ClusterConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.database = ClusterDatabase.open(config, POOL_SIZE);
        this.results = new PostgresResultStore(database.dataSource(), replicaName(), clock);
        this.health = new ClusterHealth(database.dataSource(), config, clock).register(registry);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usercanary-cluster");
            t.setDaemon(true);
            return t;
        });
        QuartzClusterProperties.register(database.dataSource());
    }

    /** Opens the pool (without connecting) and registers the cluster gauges on {@code registry}. */
    public static ClusterNode open(ClusterConfig config, MeterRegistry registry, Clock clock) {
        return new ClusterNode(config, registry, clock);
    }

    public ResultStore results() {
        return results;
    }

    /**
     * The later of {@code local} and the newest run any replica started: a replica Quartz gives little work is
     * not stalled while the cluster runs.
     */
    public Instant lastActivity(Instant local) {
        return results.latestStart().filter(cluster -> cluster.isAfter(local)).orElse(local);
    }

    /** How many of {@code accounts} no replica of the cluster has run yet: readiness is the cluster's first round. */
    public int neverRun(List<String> accounts) {
        return results.neverRun(accounts);
    }

    /**
     * Hands {@code show} every run the other replicas store, from each account's latest on, polled at most every
     * {@link #FOLLOW_EVERY} (sooner with a shorter check-in): the gauges show the cluster's latest state.
     */
    public synchronized void followOtherReplicas(Consumer<RunResult> show) {
        if (others == null && !closed) {
            Duration every = config.checkinInterval().compareTo(FOLLOW_EVERY) < 0 ? config.checkinInterval() : FOLLOW_EVERY;
            others = new OtherReplicasRuns(results, show).start(every);
        }
    }

    /**
     * The shared store as a listener that then tells {@code next} the run under its cluster-wide id (the one
     * {@code /runs/{id}} serves on every replica), e.g. so the run log names that id.
     */
    public RunListener storingThen(RunListener next) {
        return run -> next.onRun(results.stored(run));
    }

    /** {@code base} as a member of this cluster's clustered job store. */
    public Properties quartz(Properties base) {
        return QuartzClusterProperties.of(base, config);
    }

    /**
     * Creates or upgrades the schema. True when it is ready now; false when the database is unreachable: it is
     * then retried every {@code checkinInterval} and {@code onReady} runs once it succeeds.
     *
     * @throws ClusterSetupException when the database refuses for a reason waiting cannot fix
     */
    public boolean prepare(OnReady onReady) throws ClusterSetupException {
        Optional<DatabaseProblem> problem = migrate();
        if (problem.isEmpty()) {
            started();
            return true;
        }
        if (!problem.get().retryable()) {
            throw new ClusterSetupException(problem.get().message());
        }
        retrying = true;
        background.schedule(() -> retry(onReady), config.checkinInterval().toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    /** Why this replica cannot work with the cluster now, for {@code /-/healthy}; empty when it can. */
    public Optional<String> problem() {
        Optional<String> down = health.problem();
        if (!ready) {
            return Optional.of("waiting for the cluster database before scheduling anything: "
                    + down.orElse("creating the schema"));
        }
        return down.map(reason -> reason + ": no replica fires jobs while the database is down; probing resumes by itself");
    }

    public ClusterHealth health() {
        return health;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (others != null) {
            others.close();
        }
        background.shutdownNow();
        database.close();
    }

    private void retry(OnReady onReady) {
        if (closed) {
            return;
        }
        Optional<DatabaseProblem> problem = migrate();
        if (problem.isPresent()) {
            background.schedule(() -> retry(onReady), config.checkinInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        started();
        try {
            onReady.run();
        } catch (Exception e) {
            LOG.error("the scheduler did not start once the cluster database answered", e);
        }
    }

    private Optional<DatabaseProblem> migrate() {
        try {
            ClusterSchema.migrate(database.dataSource());
            health.markUp();
            return Optional.empty();
        } catch (RuntimeException e) {
            DatabaseProblem problem = DatabaseProblem.of(e, config);
            if (problem.retryable() || ready || retrying) {
                health.markDown(problem);
            }
            return Optional.of(problem);
        }
    }

    private void started() {
        ready = true;
        long every = config.checkinInterval().toMillis();
        background.scheduleWithFixedDelay(health::check, 0, every, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::prune, PRUNE_EVERY.toMillis(), PRUNE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("cluster database {} ready: replicas check in every {}s", config.safeUrl(), config.checkinInterval().toSeconds());
    }

    private void prune() {
        try {
            int deleted = results.prune();
            LOG.debug("pruned {} runs older than {}", deleted, PostgresResultStore.RETENTION);
        } catch (Exception e) {
            LOG.debug("pruning the stored runs failed: {}", e.toString());
        }
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown";
            }
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
