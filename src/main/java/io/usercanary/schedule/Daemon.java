package io.usercanary.schedule;

import io.usercanary.cluster.ClusterNode;
import io.usercanary.cluster.ClusterSetupException;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.Durations;
import io.usercanary.http.BoundedHttp;
import io.usercanary.metrics.CanaryMetrics;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.RunListener;
import io.usercanary.seed.EphemeralAccounts;
import io.usercanary.web.DaemonControl;
import io.usercanary.store.ResultStore;
import io.usercanary.store.RunHistory;
import io.usercanary.web.WebServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running canary: every account on its schedule, metrics, run history and the HTTP endpoints, reloadable
 * from its config file. {@code run} and the demo both start it with {@link #start}; {@link #close} stops
 * scheduling, lets flows in flight finish within the grace period, then stops serving. Thread-safe.
 */
public final class Daemon implements DaemonControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final DaemonOptions options;
    private final BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
    private final CanaryMetrics metrics;
    /** Null when one process runs everything (no {@code cluster:} block). */
    private final ClusterNode cluster;
    private final ResultStore history;
    private final FirstRound firstRound = new FirstRound();
    private final AccountRunner runner;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CanaryConfig config;
    private volatile WebServer web;
    private volatile CanaryScheduler scheduler;

    private Daemon(CanaryConfig config, DaemonOptions options) {
        this.config = config;
        this.options = options;
        this.metrics = CanaryMetrics.create(config, options.version(), options.clock(), Map.of());
        this.cluster = config.cluster() == null ? null : ClusterNode.open(config.cluster(), metrics.registry(), options.clock());
        this.history = cluster == null ? new RunHistory() : cluster.results();
        // Built once: it keeps each ephemeral account's creation time across reloads.
        EphemeralAccounts ephemeral = EphemeralAccounts.forConfig(config, options.clock(), metrics.registry());
        Prober.Factory probers = options.probers() != null ? options.probers()
                : (cfg, known) -> FlowRunner.create(cfg, http, options.clock(), ephemeral, known)::run;
        List<RunListener> listeners = new ArrayList<>(List.of(metrics, history, firstRound, new RunLog()));
        listeners.addAll(options.listeners());
        this.runner = new AccountRunner(config, probers, listeners, options.clock());
        if (cluster != null) {
            runner.confirmFirstFailuresFrom(history);
        }
    }

    /** Serves on the config's (or the options') bind and port, then schedules every account. */
    public static Daemon start(CanaryConfig config, DaemonOptions options) throws IOException {
        Daemon daemon = new Daemon(config, options);
        String bind = options.bind() != null ? options.bind() : config.server().bind();
        int port = options.port() != null ? options.port() : config.server().port();
        try {
            daemon.web = WebServer.start(bind, port, daemon.metrics.registry(), daemon);
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
        LOG.info("usercanary {} serving on http://{}:{}/ ({}, {} accounts every {}, jitter {}, timeout {}, {} threads)",
                options.version(), bind, daemon.port(), config.environment(), config.accounts().size(),
                Durations.format(config.schedule().interval()), Durations.format(config.schedule().jitter()),
                Durations.format(config.schedule().timeout()), config.schedule().threadsFor(config.accounts().size()));
        return daemon;
    }

    private synchronized void startScheduler() throws SchedulerException {
        if (!closing.get()) {
            scheduler = cluster == null ? CanaryScheduler.start(config, runner) : CanaryScheduler.start(config, runner, cluster::quartz);
        }
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
        return history;
    }

    @Override
    public Answer health() {
        CanaryScheduler current = scheduler;
        if (cluster != null && !closing.get() && cluster.problem().isPresent()) {
            return new Answer(false, cluster.problem().get());
        }
        if (closing.get() || current == null || !current.running()) {
            return new Answer(false, "the scheduler is not running");
        }
        Duration interval = config.schedule().interval();
        Duration allowed = max(interval.multipliedBy(3), interval.plus(config.schedule().timeout())).plusSeconds(60);
        Instant last = cluster == null ? runner.lastActivity() : cluster.lastActivity(runner.lastActivity());
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

    /** Re-reads the config file; an invalid one is refused with its one-line error and changes nothing. */
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
            runner.use(loaded);
            metrics.configApplied(loaded, runner.knownCohorts());
            if (scheduler != null) {
                scheduler.apply(loaded);
            }
        } catch (SchedulerException | RuntimeException e) {
            LOG.error("config reload failed while applying it", e);
            metrics.reloadRefused();
            return new Answer(false, "the new config could not be applied: " + e.getClass().getSimpleName());
        }
        config = loaded;
        history.retain(loaded.accounts().stream().map(AccountConfig::name).collect(Collectors.toSet()));
        if (!loaded.environment().equals(previous.environment()) || !loaded.location().equals(previous.location())
                || !loaded.server().equals(previous.server())) {
            LOG.warn("environment, location and server changes take effect on restart");
        }
        String summary = "reloaded " + options.configFile() + ": accounts " + loaded.accounts().size() + ", checks "
                + loaded.checks().size() + ", interval " + Durations.format(loaded.schedule().interval());
        LOG.info(summary);
        return new Answer(true, summary);
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
                        Durations.format(options.shutdownGrace()), runner.inFlight());
                if (!scheduler.shutdown(options.shutdownGrace())) {
                    LOG.warn("{} flows still running after {}: not waiting for them", runner.inFlight(),
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
