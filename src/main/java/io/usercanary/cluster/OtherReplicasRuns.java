package io.usercanary.cluster;

import io.usercanary.probe.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the runs the other replicas store, oldest first, and hands each to {@code show} (the metrics'
 * gauges-only entry point), so every replica's per-account gauges show the cluster's latest state. It starts
 * with each account's latest run, then polls every {@code every}, at most {@link #BATCH} runs a poll, on its own
 * thread so a slow database never delays the cluster health check. A failed poll is retried at the next one
 * and logged without its message (the health check reports the outage).
 */
final class OtherReplicasRuns implements AutoCloseable {
    static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(OtherReplicasRuns.class);

    private final PostgresResultStore store;
    private final Consumer<RunResult> show;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "usercanary-cluster-runs");
        t.setDaemon(true);
        return t;
    });
    private long seen = -1;

    OtherReplicasRuns(PostgresResultStore store, Consumer<RunResult> show) {
        this.store = store;
        this.show = show;
    }

    OtherReplicasRuns start(Duration every) {
        poller.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One poll: the runs stored since the last one (or, first, each account's latest). Never throws. */
    void poll() {
        try {
            if (seen < 0) {
                long upTo = store.latestId();
                store.latestOfOthers(upTo).forEach(this::tell);
                seen = upTo;
                return;
            }
            List<RunResult> runs = store.othersAfter(seen, BATCH);
            for (RunResult run : runs) {
                tell(run);
                seen = Math.max(seen, run.id());
            }
        } catch (Exception e) {
            LOG.debug("reading the other replicas' runs failed ({}); retrying at the next poll", e.getClass().getSimpleName());
        }
    }

    private void tell(RunResult run) {
        try {
            show.accept(run);
        } catch (RuntimeException e) {
            LOG.warn("run {} of account {} from another replica could not be shown: {}", run.id(), run.account(),
                    e.getClass().getName());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
