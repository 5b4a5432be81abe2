package io.usercanary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CheckConfig;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts runs and check results, times steps, and keeps the per-account gauges. Every outcome series of an
 * (account, cohort) is registered at zero as soon as the cohort is known, before the first run is counted,
 * so {@code rate()} and ratios work from the first scrape.
 *
 * <p>Thread-safe. A run takes no shared lock and looks nothing up in the registry: it reads the accounts
 * published by the last {@link #configure} and updates its account's pre-resolved meters under that
 * account's own lock (uncontended: an account's runs never overlap). Only {@code configure} is serialised.
 */
public final class RunMetrics implements RunListener {
    static final String FIREBASE_ERRORS = "usercanary.firebase.errors";

    private final MeterRegistry registry;
    private final CheckResults checkResults;
    private final Map<String, Counter> firebaseErrors;
    /** What runs read: replaced, never changed, by {@link #configure}. */
    private volatile Published published = new Published(Map.of(), StepTimers.none());

    private record Published(Map<String, AccountMeters> accounts, StepTimers timers) {}

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.checkResults = new CheckResults(registry);
        this.firebaseErrors = RunResult.FIREBASE_ERROR_LABELS.stream()
                .collect(Collectors.toUnmodifiableMap(code -> code, this::firebaseErrors));
    }

    /** Registers the series of {@code newConfig} and removes those of accounts and checks it no longer has. */
    public synchronized void configure(CanaryConfig newConfig, Map<String, String> knownCohorts) {
        Published old = published;
        Set<String> checks = newConfig.checks().stream().map(CheckConfig::name).collect(Collectors.toSet());
        Map<String, AccountMeters> accounts = new HashMap<>();
        for (AccountConfig account : newConfig.accounts()) {
            AccountMeters meters = old.accounts().get(account.name());
            accounts.put(account.name(), meters != null ? meters : new AccountMeters(registry, account.name()));
        }
        old.accounts().forEach((name, meters) -> {
            if (!accounts.containsKey(name)) {
                meters.remove();
            }
        });
        List<String> goneChecks = old.timers().checks().stream().filter(c -> !checks.contains(c)).toList();
        checkResults.configure(List.copyOf(checks), goneChecks);
        StepTimers timers = StepTimers.register(registry, checks);
        old.timers().remove(registry, goneChecks);
        for (AccountConfig account : newConfig.accounts()) {
            String cohort = account.cohort() != null ? account.cohort() : knownCohorts.get(account.name());
            accounts.get(account.name()).reconfigure(checkResults, goneChecks, cohort);
        }
        published = new Published(Map.copyOf(accounts), timers);
    }

    @Override
    public void onRun(RunResult result) {
        Published now = published;
        AccountMeters account = now.accounts().get(result.account());
        if (account == null) {
            return;
        }
        if (account.count(result, checkResults, now.timers())) {
            result.firebaseErrorLabel().ifPresent(code -> firebaseErrors.getOrDefault(code, firebaseErrors.get("other")).increment());
        }
    }

    /**
     * A run another replica of the cluster did: the account's gauges (up, timestamps, age, failure streak,
     * payload items) show it, so every replica exports the cluster's latest state; counters and timers stay
     * this replica's own. A run older than the one already shown (a late poll) changes nothing.
     */
    public void showLatest(RunResult result) {
        AccountMeters account = published.accounts().get(result.account());
        if (account != null) {
            account.show(result, checkResults);
        }
    }

    private Counter firebaseErrors(String code) {
        return Counter.builder(FIREBASE_ERRORS)
                .description("Errors Firebase answered with, by code (other: not a documented code)")
                .tag("code", code)
                .register(registry);
    }
}
