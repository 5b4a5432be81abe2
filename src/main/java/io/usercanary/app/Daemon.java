package io.usercanary.app;

import io.usercanary.cluster.ClusterNode;
import io.usercanary.cluster.ClusterSetupException;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.Durations;
import io.usercanary.http.BoundedHttp;
import io.usercanary.metrics.CanaryMetrics;
import io.usercanary.probe.AccountStates;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunListener;
import io.usercanary.schedule.CanaryScheduler;
import io.usercanary.schedule.Punctuality;
import io.usercanary.schedule.RunLog;
import io.usercanary.schedule.ScheduledRuns;
import io.usercanary.store.ResultStore;
import io.usercanary.store.RunHistory;
import io.usercanary.web.DaemonControl;
import io.usercanary.web.WebOptions;
import io.usercanary.web.WebServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the running canary: builds the per-account states, the probe, the results store,
 * the metrics, the scheduler and the web server, and wires them; nothing below knows the others exist.
 * {@code run} and the demo both start it with {@link #start}; a reload is all or nothing; {@link #close} stops
 * scheduling, lets flows in flight finish within the grace period, then stops serving. Thread-safe.
 */
public final class Daemon implements DaemonControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final int HOSTS_PER_FLOW = 3;

    private final DaemonOptions options;
    private final BoundedHttp http;
    private final CanaryMetrics metrics;
    /** Null when one process runs everything (no {@code cluster:} block). */
    private final ClusterNode cluster;
    private final ResultStore store;
    private final Function<CanaryConfig, Properties> quartzProperties;
    private final AccountStates states;
    private final Probes probes;
    private final FirstRound firstRound = new FirstRound();
    private final ScheduledRuns runs;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CanaryConfig config;
    private volatile WebServer web;
    private volatile CanaryScheduler scheduler;

    private Daemon(CanaryConfig config, DaemonOptions options) {
        this.config = config;
        this.options = options;
        this.states = new AccountStates(config);
        // The HTTP client (okhttp and the JDK's TLS set-up, its trust store) is built on a second thread while
        // this one builds the metrics registry: the two do not touch each other, and the machine has 2 cores.
        int threads = config.schedule().threadsFor(config.accounts().size());
        CompletableFuture<OkHttpClient> client = CompletableFuture.supplyAsync(() -> pooledClient(threads), Daemon::startThread);
        this.metrics = CanaryMetrics.create(config, options.version(), options.clock(), states.cohorts());
        this.http = new BoundedHttp(client.join(), BoundedHttp.DEFAULT_BODY_CAP);
        // The two choices a cluster makes: its shared results store, and Quartz's JDBC job store.
        this.cluster = config.cluster() == null ? null : ClusterNode.open(config.cluster(), metrics.registry(), options.clock());
        this.store = cluster == null ? new RunHistory() : cluster.results();
        this.quartzProperties = cluster == null ? options.quartzProperties()
                : options.quartzProperties().andThen(cluster::quartz);
        this.probes = options.probes() != null ? options.probes()
                : Probes.real(config, http, options.clock(), states, metrics.registry());
        // In a cluster the run log names the id the shared store gave the run, the one every replica serves.
        List<RunListener> listeners = new ArrayList<>(cluster == null ? List.of(metrics, store, firstRound, new RunLog())
                : List.of(metrics, cluster.storingThen(new RunLog()), firstRound));
        listeners.addAll(options.listeners());
        Punctuality punctuality = new Punctuality(metrics.registry(), () -> this.config.schedule().interval(), options.clock());
        this.runs = new ScheduledRuns(config, probes.forConfig(config), states, listeners, options.clock(), punctuality);
        if (cluster != null) {
            runs.confirmFirstFailuresFrom(account -> store.history(account).failingSince());
            cluster.followOtherReplicas(metrics::showLatest); // gauges show the cluster's runs, counters this replica's
        }
    }

    /** Runs one start-up step on a thread of its own (the common pool would start threads it keeps). */
    private static void startThread(Runnable step) {
        Thread thread = new Thread(step, "usercanary-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The shared client, keeping an idle connection per flow thread and host a flow talks to (Firebase's two and
     * the backend): okhttp's default of 5 would close and reopen (a TLS handshake each) most connections of a
     * busy pool on every flow. Sized for the threads at start; a reload that adds threads keeps this pool.
     */
    private static OkHttpClient pooledClient(int threads) {
        return BoundedHttp.defaultClient().newBuilder()
                .connectionPool(new ConnectionPool(HOSTS_PER_FLOW * threads, 5, TimeUnit.MINUTES))
                .build();
    }

    /** Serves plain HTTP (reload allowed) on the config's (or the options') bind and port, then schedules every account. */
    public static Daemon start(CanaryConfig config, DaemonOptions options) throws IOException {
        return start(config, options, UnaryOperator.identity());
    }

    /** As {@link #start(CanaryConfig, DaemonOptions)}, with {@code web} adding the web config and lifecycle switch. */
    public static Daemon start(CanaryConfig config, DaemonOptions options, UnaryOperator<WebOptions> web) throws IOException {
        Daemon daemon = new Daemon(config, options);
        String bind = options.bind() != null ? options.bind() : config.server().bind();
        int port = options.port() != null ? options.port() : config.server().port();
        try {
            WebOptions listen = WebOptions.plain(bind, port).withPortKey(options.port() != null ? "--port" : "server.port");
            daemon.web = WebServer.start(web.apply(listen), daemon.metrics.registry(), daemon);
            // The JVM and process series come a moment after the first /metrics, off the start-up's path.
            startThread(daemon.metrics::bindJvmAndProcess);
            if (daemon.cluster == null || daemon.cluster.prepare(daemon::startScheduler)) {
                daemon.startScheduler();
            }
        } catch (IOException | SchedulerException | RuntimeException e) {
            daemon.close();
            if (e instanceof ClusterSetupException setup) {
                throw setup;
            }
            if (e instanceof IOException io) {
                throw new IOException("cannot listen on " + bind + ":" + port + ": " + io.getMessage(), io);
            }
            throw new IllegalStateException("the scheduler did not start: " + e.getMessage(), e);
        }
        LOG.info("usercanary {} serving on {}://{}:{}/ ({}, {} accounts every {}, jitter {}, timeout {}, {} threads)",
                options.version(), daemon.web.scheme(), bind, daemon.port(), config.environment(), config.accounts().size(),
                Durations.format(config.schedule().interval()), Durations.format(config.schedule().jitter()),
                Durations.format(config.schedule().timeout()), config.schedule().threadsFor(config.accounts().size()));
        return daemon;
    }

    /** Once the cluster database answers, in cluster mode (it may be later, from the cluster's thread). */
    private synchronized void startScheduler() throws SchedulerException {
        if (!closing.get()) {
            scheduler = CanaryScheduler.start(config, runs, quartzProperties);
        }
    }

    /** The metrics registry and its gauges, e.g. to export the status page's external URL. */
    public CanaryMetrics metrics() {
        return metrics;
    }

    /** Where people open the status page ({@code --web.external-url}), exported for the notifications' links. */
    public void publishStatusPage(URI url) {
        metrics.statusPage(url);
    }

    /** The port the endpoints are served on (the actual one when started with port 0). */
    public int port() {
        return web.port();
    }

    @Override
    public CanaryConfig config() {
        return config;
    }

    @Override
    public ResultStore history() {
        return store;
    }

    /** Each account's state kept across runs and reloads. */
    public AccountStates states() {
        return states;
    }

    /** The scheduler, for tests that look at its jobs. */
    public CanaryScheduler scheduler() {
        return scheduler;
    }

    @Override
    public Answer health() {
        CanaryScheduler current = scheduler;
        Optional<String> clusterProblem = cluster == null || closing.get() ? Optional.empty() : cluster.problem();
        if (clusterProblem.isPresent()) {
            return new Answer(false, clusterProblem.get());
        }
        if (closing.get() || current == null || !current.running()) {
            return new Answer(false, "the scheduler is not running");
        }
        Duration interval = config.schedule().interval();
        Duration allowed = max(interval.multipliedBy(3), interval.plus(config.schedule().timeout())).plusSeconds(60);
        Instant last = cluster == null ? runs.lastActivity() : cluster.lastActivity(runs.lastActivity());
        Duration silence = Duration.between(last, options.clock().instant());
        if (silence.compareTo(allowed) > 0) {
            return new Answer(false, "no run has started or finished for " + silence.toSeconds() + "s");
        }
        return new Answer(true, "healthy");
    }

    @Override
    public Answer readiness() {
        CanaryConfig current = config;
        long waiting = cluster == null ? (firstRound.complete(current) ? 0 : firstRound.waiting(current))
                : cluster.neverRun(current.accounts().stream().map(AccountConfig::name).toList());
        if (waiting == 0) {
            return new Answer(true, "ready");
        }
        return new Answer(false, "waiting for the first round: " + waiting + " of "
                + current.accounts().size() + " accounts have not run yet");
    }

    /**
     * Re-reads the config file and applies it entirely or not at all: an invalid one is refused with its
     * one-line error, and one the scheduler cannot take leaves the runs and the scheduler on the old config.
     * Accounts that remain keep their state (tokens, backoff, cohort, confirmation, history, metrics).
     */
    @Override
    public synchronized Answer reload() {
        if (options.configFile() == null) {
            return new Answer(false, "no config file to reload from");
        }
        if (closing.get()) {
            return new Answer(false, "shutting down");
        }
        CanaryConfig loaded;
        try {
            loaded = new ConfigLoader(options.environment()).load(options.configFile());
        } catch (ConfigException e) {
            LOG.warn("config reload refused, the running config stays: {}", e.getMessage());
            metrics.reloadRefused();
            return new Answer(false, e.getMessage());
        }
        CanaryConfig previous = config;
        try {
            Probe probe = probes.forConfig(loaded);
            CanaryScheduler current = scheduler;
            if (current != null) {
                current.apply(loaded, () -> putInForce(loaded, probe));
            } else {
                putInForce(loaded, probe); // a cluster replica waiting for its database: it schedules this config
            }
        } catch (SchedulerException | RuntimeException e) {
            LOG.error("config reload failed while applying it; the running config stays", e);
            metrics.reloadRefused();
            return new Answer(false, "the new config could not be applied: " + e.getClass().getSimpleName());
        }
        if (!loaded.environment().equals(previous.environment()) || !loaded.location().equals(previous.location())
                || !loaded.server().equals(previous.server())) {
            LOG.warn("environment, location and server changes take effect on restart");
        }
        String summary = "reloaded " + options.configFile() + ": accounts " + loaded.accounts().size() + ", checks "
                + loaded.checks().size() + ", interval " + Durations.format(loaded.schedule().interval());
        LOG.info(summary);
        return new Answer(true, summary);
    }

    /**
     * The commit of a reload, run by the scheduler once its jobs match {@code loaded} and before anything fires.
     * It never throws, so the reload is all or nothing: the store and the metrics forgetting removed accounts
     * is housekeeping, and a failure there (a shared store unreachable) is logged, not a reason to refuse.
     */
    private void putInForce(CanaryConfig loaded, Probe probe) {
        states.apply(loaded);
        runs.use(loaded, probe);
        config = loaded;
        housekeeping("the results store", () -> store.retain(loaded.accounts().stream().map(AccountConfig::name)
                .collect(Collectors.toSet())));
        housekeeping("the metrics", () -> metrics.configApplied(loaded, states.cohorts()));
    }

    private static void housekeeping(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("the reloaded config is in force, but {} did not follow it", what, e);
        }
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops scheduling, waits up to the grace period for flows in flight, then stops serving. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            if (scheduler != null) {
                LOG.info("stopping: no new runs; waiting up to {} for {} flows in flight",
                        Durations.format(options.shutdownGrace()), runs.inFlight());
                if (!scheduler.shutdown(options.shutdownGrace())) {
                    LOG.warn("{} flows still running after {}: not waiting for them", runs.inFlight(),
                            Durations.format(options.shutdownGrace()));
                }
            }
            if (cluster != null) {
                cluster.close();
            }
            if (web != null) {
                web.close();
            }
            metrics.close();
            http.client().dispatcher().executorService().shutdown();
            http.client().connectionPool().evictAll();
            LOG.info("stopped");
        } finally {
            closed.countDown();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
