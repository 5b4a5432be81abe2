package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.AccountStates;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RedactedThrowable;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scheduled fire does: probe the named account of the config in force, never two runs of one account
 * at once (even across a scheduler hand-over), never throw, and tell every listener. The failing and
 * confirmation state is the account's {@link io.usercanary.probe.AccountState}. Thread-safe.
 */
public final class ScheduledRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRuns.class);

    /** The config in force and the probe built for it, swapped together, with its accounts by name. */
    private record InForce(CanaryConfig config, Probe probe, Map<String, AccountConfig> accounts) {
        InForce(CanaryConfig config, Probe probe) {
            this(config, probe, byName(config));
        }

        /** {@link CanaryConfig#account} without a scan of every account on each of a run's three look-ups. */
        Optional<AccountConfig> account(String name) {
            return Optional.ofNullable(accounts.get(name));
        }

        private static Map<String, AccountConfig> byName(CanaryConfig config) {
            Map<String, AccountConfig> byName = new HashMap<>();
            config.accounts().forEach(a -> byName.putIfAbsent(a.name(), a)); // the first of a name, as account() finds it
            return byName;
        }
    }

    private final AccountStates states;
    private final List<RunListener> listeners;
    private final Clock clock;
    private final Punctuality punctuality;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> failingListeners = ConcurrentHashMap.newKeySet();
    private volatile Function<String, Optional<Instant>> sharedFailingSince;
    private volatile InForce current;
    private volatile Instant lastActivity;

    public ScheduledRuns(CanaryConfig config, Probe probe, AccountStates states, List<RunListener> listeners, Clock clock,
            Punctuality punctuality) {
        this.states = states;
        this.punctuality = punctuality;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.lastActivity = clock.instant();
        this.current = new InForce(config, probe);
    }

    /** Runs from now on use this config and probe; a run in flight finishes with the one it started with. */
    public void use(CanaryConfig config, Probe probe) {
        current = new InForce(config, probe);
    }

    public CanaryConfig config() {
        return current.config();
    }

    /** When a run last started or finished; the health check treats a long silence as a stalled scheduler. */
    public Instant lastActivity() {
        return lastActivity;
    }

    public int inFlight() {
        return inFlight.size();
    }

    /** Where the lag of each run's start and the skipped fires are counted. */
    Punctuality punctuality() {
        return punctuality;
    }

    /** Runs the account now, off schedule: {@link #run(String, Instant)} with no lag to observe. */
    public Optional<RunResult> run(String accountName) {
        return run(accountName, null);
    }

    /**
     * Runs the account now for its fire scheduled at {@code scheduledAt} (null: none); empty when it is no longer
     * configured or its previous run is still going (a skipped fire, counted).
     */
    public Optional<RunResult> run(String accountName, Instant scheduledAt) {
        InForce now = current;
        Optional<AccountConfig> account = now.account(accountName);
        if (account.isEmpty()) {
            LOG.debug("account {} is no longer configured; fire ignored", accountName);
            return Optional.empty();
        }
        if (!inFlight.add(accountName)) {
            punctuality.skipped(accountName, 1, "its previous run is still going");
            return Optional.empty();
        }
        try {
            lastActivity = clock.instant();
            if (scheduledAt != null) {
                punctuality.started(Duration.between(scheduledAt, lastActivity));
            }
            RunResult result = probe(now.probe(), account.get());
            lastActivity = clock.instant();
            if (current.account(accountName).isEmpty()) {
                LOG.info("account {} was removed while it ran; its result is dropped", accountName);
                return Optional.empty();
            }
            states.of(account.get()).finished(result.passed());
            for (RunListener listener : listeners) {
                tell(listener, result);
            }
            Function<String, Optional<Instant>> shared = sharedFailingSince;
            if (shared != null && !result.passed()) {
                states.of(account.get()).confirmationDue(shared.apply(accountName)
                        .map(at -> at.truncatedTo(ChronoUnit.MILLIS))
                        .equals(Optional.of(result.startedAt().truncatedTo(ChronoUnit.MILLIS))));
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
        return current.account(accountName).map(a -> states.of(a).takeConfirmation()).orElse(false);
    }

    /**
     * Replicas share runs through a store (already one of the listeners): a failure is a first one when
     * {@code failingSince} of the shared history shows it opened the account's failing streak, whichever
     * replica ran the runs before.
     */
    public void confirmFirstFailuresFrom(Function<String, Optional<Instant>> failingSince) {
        sharedFailingSince = failingSince;
    }

    private RunResult probe(Probe probe, AccountConfig account) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        try {
            RunResult result = probe.run(account);
            if (result == null) {
                throw new IllegalStateException("the probe returned no result");
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            LOG.error("internal error in the run of account {}: {}", account.name(), e.getClass().getName(),
                    RedactedThrowable.withoutMessage(e));
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            String detail = "internal error (see the log): " + e.getClass().getSimpleName();
            StepResult step = new StepResult(Step.CHECK, "", Outcome.INTERNAL_ERROR, detail, took, 0, List.of(), List.of());
            return new RunResult(FlowRunner.nextRunId(), account.name(), states.of(account).cohort(account), Optional.empty(),
                    started, took, Outcome.INTERNAL_ERROR, detail, List.of(step), List.of(), Optional.empty(), "");
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
