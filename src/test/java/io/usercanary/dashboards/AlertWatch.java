package io.usercanary.dashboards;

import io.usercanary.dashboards.PrometheusServer.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Polls a Prometheus' {@code /api/v1/alerts} in the background and keeps every answer with its time, so a
 * test can ask when an alert was first pending or firing, when it went away, and what else was ever seen.
 * Thread-safe; close it before the Prometheus.
 */
public final class AlertWatch implements AutoCloseable {
    /** What one poll saw: the pending and firing alerts at {@code at}. */
    public record Observation(Instant at, List<Alert> alerts) {}

    private static final Duration WAIT_STEP = Duration.ofMillis(100);

    private final PrometheusServer prometheus;
    private final ScheduledExecutorService poller;
    private final List<Observation> observations = new ArrayList<>(); // guarded by this
    private final List<String> errors = new ArrayList<>(); // guarded by this

    private AlertWatch(PrometheusServer prometheus) {
        this.prometheus = prometheus;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "alert-watch " + prometheus.baseUrl());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Polls every {@code every}, the first time now. */
    public static AlertWatch start(PrometheusServer prometheus, Duration every) {
        AlertWatch watch = new AlertWatch(prometheus);
        watch.poller.scheduleWithFixedDelay(watch::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Alerts named {@code name} in {@code state} whose {@code cohort} label is {@code cohort}. */
    public static Predicate<Alert> alert(String name, String state, String cohort) {
        return a -> a.name().equals(name) && a.state().equals(state) && Objects.equals(a.labels().get("cohort"), cohort);
    }

    public synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Every alert seen in {@code [from, to)}, in the order seen, with repeats. */
    public List<Alert> seenBetween(Instant from, Instant to) {
        List<Alert> seen = new ArrayList<>();
        for (Observation o : observations()) {
            if (!o.at().isBefore(from) && o.at().isBefore(to)) {
                seen.addAll(o.alerts());
            }
        }
        return seen;
    }

    /** When an alert matching was first seen. */
    public Optional<Instant> firstSeen(Predicate<Alert> match) {
        return observations().stream().filter(o -> o.alerts().stream().anyMatch(match)).map(Observation::at).findFirst();
    }

    /** When an alert matching was last seen. */
    public Optional<Instant> lastSeen(Predicate<Alert> match) {
        List<Observation> all = observations();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).alerts().stream().anyMatch(match)) {
                return Optional.of(all.get(i).at());
            }
        }
        return Optional.empty();
    }

    /** Waits until an alert matching has been seen; fails at {@code deadline} with what was seen. */
    public Instant awaitSeen(Predicate<Alert> match, Instant deadline, String what) throws InterruptedException {
        while (true) {
            Optional<Instant> seen = firstSeen(match);
            if (seen.isPresent()) {
                return seen.get();
            }
            failAfter(deadline, "no " + what);
            Thread.sleep(WAIT_STEP.toMillis());
        }
    }

    /**
     * Waits until the newest poll shows no alert matching, and returns the time of the first poll without one
     * after the last poll with one; fails at {@code deadline} with what was seen.
     */
    public Instant awaitGone(Predicate<Alert> match, Instant deadline, String what) throws InterruptedException {
        while (true) {
            List<Observation> all = observations();
            int last = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).alerts().stream().anyMatch(match)) {
                    last = i;
                }
            }
            if (!all.isEmpty() && last < all.size() - 1) {
                return all.get(last + 1).at();
            }
            failAfter(deadline, what + " still there");
            Thread.sleep(WAIT_STEP.toMillis());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            // The time of the answer, not of the request: an alert in it was in that state by then.
            List<Alert> alerts = prometheus.alerts();
            Instant at = Instant.now();
            synchronized (this) {
                observations.add(new Observation(at, alerts));
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                errors.add(Instant.now() + " " + e);
            }
        }
    }

    private void failAfter(Instant deadline, String message) {
        if (Instant.now().isAfter(deadline)) {
            List<Observation> all = observations();
            List<Alert> latest = all.isEmpty() ? List.of() : all.get(all.size() - 1).alerts();
            List<String> pollErrors;
            synchronized (this) {
                pollErrors = List.copyOf(errors.subList(Math.max(0, errors.size() - 5), errors.size()));
            }
            throw new AssertionError(message + " by " + deadline + "; latest alerts: " + latest + "; poll errors: "
                    + pollErrors + "\ntargets: " + prometheus.targets() + "\n" + prometheus.log());
        }
    }
}
