package io.usercanary.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.config.CohortConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The age bounds of each configured cohort, so a page can say "accounts 30–180 days old" without knowing the
 * config: {@code usercanary_cohort_min_age_seconds} (the previous cohort's {@code maxAge}, 0 for the first)
 * and {@code usercanary_cohort_max_age_seconds} (+Inf for the last). Two series per cohort. Not thread-safe:
 * guarded by {@link CanaryMetrics}.
 */
final class CohortGauges {
    static final String MIN_AGE = "usercanary.cohort.min.age.seconds";
    static final String MAX_AGE = "usercanary.cohort.max.age.seconds";

    /** The bounds a cohort's two gauges read; updated in place on a reload. */
    private static final class Bounds {
        volatile double min;
        volatile double max;
        final List<Gauge> gauges = new ArrayList<>();
    }

    private final MeterRegistry registry;
    private final Map<String, Bounds> cohorts = new LinkedHashMap<>();

    CohortGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void configure(List<CohortConfig> configured) {
        Set<String> names = new HashSet<>();
        Duration previous = Duration.ZERO;
        for (CohortConfig cohort : configured) {
            names.add(cohort.name());
            Bounds bounds = cohorts.computeIfAbsent(cohort.name(), this::register);
            bounds.min = seconds(previous);
            bounds.max = cohort.maxAge() == null ? Double.POSITIVE_INFINITY : seconds(cohort.maxAge());
            previous = cohort.maxAge() == null ? previous : cohort.maxAge();
        }
        cohorts.entrySet().removeIf(e -> {
            if (names.contains(e.getKey())) {
                return false;
            }
            e.getValue().gauges.forEach(registry::remove);
            return true;
        });
    }

    private Bounds register(String cohort) {
        Bounds bounds = new Bounds();
        bounds.gauges.add(Gauge.builder(MIN_AGE, bounds, b -> b.min).tag("cohort", cohort)
                .description("Accounts of the cohort are older than this (the previous cohort's maxAge)").register(registry));
        bounds.gauges.add(Gauge.builder(MAX_AGE, bounds, b -> b.max).tag("cohort", cohort)
                .description("Accounts of the cohort are at most this old (the cohort's maxAge; +Inf for the last)").register(registry));
        return bounds;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
