package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import io.usercanary.store.ResultStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scheduled fire does: run the named account of the current config, never two runs of one account
 * at once (even across a scheduler hand-over), never throw, and tell every listener. Thread-safe.
 */
public final class AccountRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AccountRunner.class);

    private record Current(CanaryConfig config, Prober prober) {}

    private final Prober.Factory probers;
    private final List<RunListener> listeners;
    private final Clock clock;
    private final Map<String, String> knownCohorts = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> failingListeners = ConcurrentHashMap.newKeySet();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmationDue = ConcurrentHashMap.newKeySet();
    private volatile ResultStore sharedHistory;
    private volatile Current current;
    private volatile Instant lastActivity;

    public AccountRunner(CanaryConfig config, Prober.Factory probers, List<RunListener> listeners, Clock clock) {
        this.probers = probers;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.lastActivity = clock.instant();
        use(config);
    }

    /** Runs from now on use this config; a run in flight finishes with the one it started with. */
    public void use(CanaryConfig config) {
        current = new Current(config, probers.create(config, knownCohorts));
    }

    public CanaryConfig config() {
        return current.config();
    }

    /** Derived cohorts seen so far, by account name. */
    public Map<String, String> knownCohorts() {
        return knownCohorts;
    }

    /** When a run last started or finished; the health check treats a long silence as a stalled scheduler. */
    public Instant lastActivity() {
        return lastActivity;
    }

    public int inFlight() {
        return inFlight.size();
    }

    /** Runs the account now; empty when it is no longer configured or its previous run is still going. */
    public Optional<RunResult> run(String accountName) {
        Current now = current;
        Optional<AccountConfig> account = now.config().account(accountName);
        if (account.isEmpty()) {
            LOG.debug("account {} is no longer configured; fire ignored", accountName);
            return Optional.empty();
        }
        if (!inFlight.add(accountName)) {
            LOG.warn("account {}: the previous run is still going; this fire is skipped", accountName);
            return Optional.empty();
        }
        try {
            lastActivity = clock.instant();
            RunResult result = probe(now.prober(), account.get());
            lastActivity = clock.instant();
            if (result.passed()) {
                failing.remove(accountName);
            } else if (failing.add(accountName)) {
                confirmationDue.add(accountName);
            }
            for (RunListener listener : listeners) {
                tell(listener, result);
            }
            ResultStore shared = sharedHistory;
            if (shared != null && !result.passed()) {
                confirmationDue.remove(accountName);
                if (shared.history(accountName).failingSince().map(at -> at.truncatedTo(ChronoUnit.MILLIS))
                        .equals(Optional.of(result.startedAt().truncatedTo(ChronoUnit.MILLIS)))) {
                    confirmationDue.add(accountName);
                }
            }
            return Optional.of(result);
        } finally {
            inFlight.remove(accountName);
        }
    }

    /**
     * True once after an account's first failed run (after a pass, or its first run): the moment to run it
     * again soon, so a real failure counts twice within seconds instead of one interval later.
     */
    public boolean takeConfirmation(String accountName) {
        return confirmationDue.remove(accountName);
    }

    /**
     * Replicas share runs through {@code shared} (already one of the listeners): a failure is a first one when
     * the shared history shows it opened the account's failing streak, whichever replica ran the runs before.
     */
    public void confirmFirstFailuresFrom(ResultStore shared) {
        sharedHistory = shared;
    }

    private RunResult probe(Prober prober, AccountConfig account) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        try {
            RunResult result = prober.run(account);
            if (result == null) {
                throw new IllegalStateException("the prober returned no result");
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            LOG.error("internal error in the run of account {}: {}", account.name(), e.getClass().getName(), e);
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            String detail = "internal error (see the log): " + e.getClass().getSimpleName();
            StepResult step = new StepResult(Step.CHECK, "", Outcome.NETWORK_ERROR, detail, took, 0, List.of(), List.of());
            String cohort = account.cohort() != null ? account.cohort() : knownCohorts.getOrDefault(account.name(), "unknown");
            return new RunResult(FlowRunner.nextRunId(), account.name(), cohort, Optional.empty(), started, took,
                    Outcome.NETWORK_ERROR, detail, List.of(step), List.of(), Optional.empty(), "");
        }
    }

    /** A listener that throws loses that one notification; the first failure of each is logged with its trace. */
    private void tell(RunListener listener, RunResult result) {
        try {
            listener.onRun(result);
        } catch (RuntimeException e) {
            String name = listener.getClass().getName();
            if (failingListeners.add(name + "/" + e.getClass().getName())) {
                LOG.error("run listener {} failed on run {} of account {}", name, result.id(), result.account(), e);
            } else {
                LOG.warn("run listener {} failed again: {}", name, e.getClass().getName());
            }
        }
    }
}
