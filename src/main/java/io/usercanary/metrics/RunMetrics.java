package io.usercanary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CheckConfig;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts runs and check results, times steps, and keeps the per-account gauges. Every outcome series of an
 * (account, cohort) is registered at zero as soon as the cohort is known, before the first run is counted,
 * so {@code rate()} and ratios work from the first scrape. Thread-safe.
 */
public final class RunMetrics implements RunListener {
    static final String RUNS = "usercanary.runs";
    static final String CHECK_RESULTS = "usercanary.check.results";
    static final String STEP_DURATION = "usercanary.step.duration";
    static final String FIREBASE_ERRORS = "usercanary.firebase.errors";
    /** Step-duration buckets, 5 ms to 30 s. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final PayloadGauges payload;
    private final Map<String, AccountGauges> gauges = new HashMap<>();
    private final Map<String, Set<String>> counted = new HashMap<>();
    private CanaryConfig config;

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.payload = new PayloadGauges(registry);
        RunResult.FIREBASE_ERROR_LABELS.forEach(this::firebaseErrors);
    }

    /** Registers the series of {@code newConfig} and removes those of accounts and checks it no longer has. */
    public synchronized void configure(CanaryConfig newConfig, Map<String, String> knownCohorts) {
        Set<String> accounts = names(newConfig.accounts().stream().map(AccountConfig::name).toList());
        Set<String> checks = names(newConfig.checks().stream().map(CheckConfig::name).toList());
        if (config != null) {
            for (String gone : new ArrayList<>(gauges.keySet())) {
                if (!accounts.contains(gone)) {
                    removeAccount(gone);
                }
            }
            config.checks().stream().map(CheckConfig::name).filter(c -> !checks.contains(c)).forEach(this::removeCheck);
        }
        config = newConfig;
        for (Step step : List.of(Step.LOGIN, Step.LOOKUP, Step.EXCHANGE)) {
            stepTimer(step.label(), "");
        }
        checks.forEach(check -> stepTimer(Step.CHECK.label(), check));
        counted.values().forEach(Set::clear);
        for (AccountConfig account : newConfig.accounts()) {
            String cohort = account.cohort() != null ? account.cohort() : knownCohorts.get(account.name());
            if (cohort != null) {
                cohortKnown(account.name(), cohort);
            }
        }
    }

    @Override
    public synchronized void onRun(RunResult result) {
        if (config == null || config.account(result.account()).isEmpty()) {
            return;
        }
        String account = result.account();
        String cohort = result.cohort();
        cohortKnown(account, cohort);
        runs(account, cohort, result.outcome()).increment();
        for (StepResult step : result.steps()) {
            boolean isCheck = step.step() == Step.CHECK;
            if (isCheck && step.check().isEmpty() || step.skipped()) {
                continue;
            }
            stepTimer(step.step().label(), step.check()).record(step.duration());
            if (isCheck && config.check(step.check()).isPresent()) {
                checkResults(account, cohort, step.check(), step.outcome()).increment();
            }
        }
        result.firebaseErrorLabel().ifPresent(code -> firebaseErrors(code).increment());
        gauges.get(account).update(result);
        payload.update(account, result.payload());
    }

    /**
     * A run another replica of the cluster did: the account's gauges (up, timestamps, age, failure streak,
     * payload items) show it, so every replica exports the cluster's latest state; counters and timers stay
     * this replica's own. A run older than the one already shown (a late poll) changes nothing.
     */
    public synchronized void showLatest(RunResult result) {
        if (config == null || config.account(result.account()).isEmpty()) {
            return;
        }
        AccountGauges shown = gauges.get(result.account());
        if (shown != null && shown.showsNewerThan(result)) {
            return;
        }
        cohortKnown(result.account(), result.cohort());
        gauges.get(result.account()).update(result);
        payload.update(result.account(), result.payload());
    }

    /** Pre-registers the account's series for {@code cohort}; when the cohort changed, its gauges move over. */
    private void cohortKnown(String account, String cohort) {
        Set<String> cohorts = counted.computeIfAbsent(account, a -> new HashSet<>());
        if (cohorts.add(cohort)) {
            for (Outcome outcome : Outcome.values()) {
                runs(account, cohort, outcome);
                for (CheckConfig check : config.checks()) {
                    checkResults(account, cohort, check.name(), outcome);
                }
            }
        }
        AccountGauges current = gauges.get(account);
        if (current == null) {
            gauges.put(account, new AccountGauges(registry, account, cohort));
        } else if (!current.cohort().equals(cohort)) {
            current.moveTo(cohort);
        }
    }

    private void removeAccount(String account) {
        gauges.remove(account).remove();
        counted.remove(account);
        payload.removeAccount(account);
        removeWhere("account", account);
    }

    private void removeCheck(String check) {
        payload.removeCheck(check);
        removeWhere("check", check);
    }

    private void removeWhere(String tag, String value) {
        for (Meter meter : List.copyOf(registry.getMeters())) {
            // The failure streak follows its account's gauges (AccountGauges.remove), not a removed check.
            if (value.equals(meter.getId().getTag(tag)) && !meter.getId().getName().equals(FailureStreak.NAME)) {
                registry.remove(meter);
            }
        }
    }

    private Counter runs(String account, String cohort, Outcome outcome) {
        return Counter.builder(RUNS)
                .description("Runs of an account's flow, by outcome")
                .tags("account", account, "cohort", cohort, "outcome", outcome.label())
                .register(registry);
    }

    private Counter checkResults(String account, String cohort, String check, Outcome outcome) {
        return Counter.builder(CHECK_RESULTS)
                .description("Dashboard check results, by outcome")
                .tags("account", account, "cohort", cohort, "check", check, "outcome", outcome.label())
                .register(registry);
    }

    private Counter firebaseErrors(String code) {
        return Counter.builder(FIREBASE_ERRORS)
                .description("Errors Firebase answered with, by code (other: not a documented code)")
                .tag("code", code)
                .register(registry);
    }

    private Timer stepTimer(String step, String check) {
        return Timer.builder(STEP_DURATION)
                .description("Duration of each step of a flow")
                .tags("step", step, "check", check)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static Set<String> names(List<String> names) {
        return new HashSet<>(names);
    }
}
