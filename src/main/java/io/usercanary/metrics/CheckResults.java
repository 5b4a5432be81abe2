package io.usercanary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.probe.Outcome;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code usercanary_check_results_total} by cohort, check and outcome, without the account: per account it
 * was cohorts × checks × 11 series, nearly all zero, over half of a 1,000-account scrape, and nothing pages
 * on it by account (which account failed which check is {@code usercanary_consecutive_failures}). Every
 * outcome of a cohort's checks is registered at zero when the cohort is first seen. Thread-safe.
 */
final class CheckResults {
    static final String NAME = "usercanary.check.results";

    private final MeterRegistry registry;
    /** By cohort: each configured check's counters, indexed by {@link Outcome#ordinal()}; immutable values. */
    private final Map<String, Map<String, Counter[]>> byCohort = new ConcurrentHashMap<>();
    private volatile List<String> checks = List.of();

    CheckResults(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The config's checks from now on; the series of {@code gone} checks are removed. */
    synchronized void configure(List<String> configured, Collection<String> gone) {
        checks = List.copyOf(configured);
        byCohort.clear();
        for (String check : gone) {
            registry.find(NAME).tag("check", check).counters().forEach(registry::remove);
        }
    }

    /** The counters of {@code cohort}'s checks, registered at zero the first time. */
    Map<String, Counter[]> of(String cohort) {
        Map<String, Counter[]> counters = byCohort.get(cohort);
        return counters != null ? counters : byCohort.computeIfAbsent(cohort, this::register);
    }

    private Map<String, Counter[]> register(String cohort) {
        Map<String, Counter[]> counters = new HashMap<>();
        for (String check : checks) {
            counters.put(check, ByOutcome.register(registry, outcome -> Counter.builder(NAME)
                    .description("Dashboard check results of a cohort's accounts, by outcome")
                    .tags("cohort", cohort, "check", check, "outcome", outcome.label())));
        }
        return Map.copyOf(counters);
    }
}
