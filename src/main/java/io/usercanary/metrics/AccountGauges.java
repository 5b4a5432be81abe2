package io.usercanary.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.probe.RunResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The per-account gauges (up, last run, last success, age, the failure streak) labelled with the account's current cohort.
 * Each gauge appears once it has a value and always shows the latest run. Not thread-safe: guarded by {@link AccountMeters}.
 */
final class AccountGauges {
    static final String UP = "usercanary.up";
    static final String LAST_RUN = "usercanary.last.run.timestamp.seconds";
    static final String LAST_SUCCESS = "usercanary.last.success.timestamp.seconds";
    static final String AGE = "usercanary.account.age.seconds";

    private final MeterRegistry registry;
    private final String account;
    private final Map<String, Meter> registered = new LinkedHashMap<>();
    private final FailureStreak streak;
    private String cohort;
    private volatile double up;
    private volatile double lastRun;
    private volatile double lastSuccess;
    private volatile double age;
    private Instant shownStart;

    AccountGauges(MeterRegistry registry, String account) {
        this.registry = registry;
        this.account = account;
        this.streak = new FailureStreak(registry, account);
    }

    /** The account's cohort is now {@code now}: the first one known, or a move (see {@link #moveTo}). */
    void cohort(String now) {
        if (cohort == null) {
            cohort = now;
        } else if (!cohort.equals(now)) {
            moveTo(now);
        }
    }

    /** True when the run shown started after {@code result}: the gauges never go back to an older run. */
    boolean showsNewerThan(RunResult result) {
        return shownStart != null && shownStart.isAfter(result.startedAt());
    }

    void update(RunResult result) {
        shownStart = result.startedAt();
        double finished = result.startedAt().plus(result.duration()).toEpochMilli() / 1000.0;
        up = result.passed() ? 1 : 0;
        lastRun = finished;
        ensure(UP);
        ensure(LAST_RUN);
        if (result.passed()) {
            lastSuccess = finished;
            ensure(LAST_SUCCESS);
        }
        if (result.ageSeconds().isPresent()) {
            age = result.ageSeconds().get();
            ensure(AGE);
        }
        streak.update(result);
    }

    /** The account now belongs to {@code newCohort}: the old cohort's series go, the values carry over. */
    private void moveTo(String newCohort) {
        List<String> shown = List.copyOf(registered.keySet());
        registered.values().forEach(registry::remove);
        registered.clear();
        cohort = newCohort;
        shown.forEach(this::ensure);
        streak.moveTo(newCohort);
    }

    void remove() {
        registered.values().forEach(registry::remove);
        registered.clear();
        streak.remove();
    }

    private void ensure(String name) {
        if (!registered.containsKey(name)) { // no capturing lambda: this runs on every run
            registered.put(name, Gauge.builder(name, this, valueOf(name))
                    .tags("account", account, "cohort", cohort)
                    .strongReference(true)
                    .register(registry));
        }
    }

    private static ToDoubleFunction<AccountGauges> valueOf(String name) {
        return switch (name) {
            case UP -> g -> g.up;
            case LAST_RUN -> g -> g.lastRun;
            case LAST_SUCCESS -> g -> g.lastSuccess;
            case AGE -> g -> g.age;
            default -> throw new IllegalStateException("not an account gauge: " + name);
        };
    }
}
