package io.usercanary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One account's series: {@code usercanary_runs_total} per cohort it was in, resolved once per cohort into an
 * array by outcome, and its gauges. Guarded by its own monitor: an account's runs never overlap, so the lock
 * is uncontended, and no run waits for another account's. A removed account counts nothing more.
 */
final class AccountMeters {
    static final String RUNS = "usercanary.runs";

    private final MeterRegistry registry;
    private final String account;
    private final AccountGauges gauges;
    private final PayloadGauges payload;
    /** Every cohort's runs counters registered for this account, by outcome ordinal. */
    private final Map<String, Counter[]> runs = new HashMap<>();
    private String cohort;
    private Counter[] cohortRuns;
    private Map<String, Counter[]> cohortChecks = Map.of();
    private boolean removed;

    AccountMeters(MeterRegistry registry, String account) {
        this.registry = registry;
        this.account = account;
        this.gauges = new AccountGauges(registry, account);
        this.payload = new PayloadGauges(registry, account);
    }

    /** A config was applied: the cohort's series are resolved again (checks may differ); null: not yet known. */
    synchronized void reconfigure(CheckResults checks, Collection<String> goneChecks, String knownCohort) {
        goneChecks.forEach(payload::removeCheck);
        String now = knownCohort != null ? knownCohort : cohort;
        cohort = null;
        if (now != null) {
            cohortKnown(now, checks);
        }
    }

    /** Counts this replica's run and shows it; false when the account was removed meanwhile. */
    synchronized boolean count(RunResult result, CheckResults checks, StepTimers timers) {
        if (removed) {
            return false;
        }
        cohortKnown(result.cohort(), checks);
        cohortRuns[result.outcome().ordinal()].increment();
        for (StepResult step : result.steps()) {
            boolean isCheck = step.step() == Step.CHECK;
            if (isCheck && step.check().isEmpty() || step.skipped()) {
                continue;
            }
            timers.record(step);
            Counter[] check = isCheck ? cohortChecks.get(step.check()) : null;
            if (check != null) {
                check[step.outcome().ordinal()].increment();
            }
        }
        gauges.update(result);
        payload.update(result.payload());
        return true;
    }

    /** Shows another replica's run unless a newer one is shown already. */
    synchronized void show(RunResult result, CheckResults checks) {
        if (removed || gauges.showsNewerThan(result)) {
            return;
        }
        cohortKnown(result.cohort(), checks);
        gauges.update(result);
        payload.update(result.payload());
    }

    synchronized void remove() {
        removed = true;
        gauges.remove();
        payload.removeAll();
        runs.values().forEach(counters -> {
            for (Counter counter : counters) {
                registry.remove(counter);
            }
        });
        runs.clear();
    }

    /** Pre-registers the series of {@code now}; when the cohort changed, the gauges move over. */
    private void cohortKnown(String now, CheckResults checks) {
        if (now.equals(cohort)) {
            return;
        }
        cohort = now;
        cohortRuns = runs.computeIfAbsent(now, this::registerRuns);
        cohortChecks = checks.of(now);
        gauges.cohort(now);
    }

    private Counter[] registerRuns(String cohort) {
        return ByOutcome.register(registry, outcome -> Counter.builder(RUNS)
                .description("Runs of an account's flow, by outcome")
                .tags("account", account, "cohort", cohort, "outcome", outcome.label()));
    }
}
