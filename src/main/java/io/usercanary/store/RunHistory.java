package io.usercanary.store;

import io.usercanary.probe.RunResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recent runs for the status page and /runs/{id}: the last {@code keep} runs, plus each account's last
 * failure even after it scrolls out, plus each account's last {@code strip} outcomes.
 *
 * <p>Memory is bounded whatever the number of runs: {@code keep} full runs, and per account its latest run,
 * its last failure and {@code strip} summaries (runs without steps or payload). Accounts a config reload
 * removed stay until {@link #retain} drops them. Thread-safe: one lock, held only to copy references.
 */
public final class RunHistory implements ResultStore {
    private final int keep;
    private final int strip;
    private final Object lock = new Object();
    /** Insertion order is arrival order, so the eldest entry is the one to drop. */
    private final LinkedHashMap<Long, RunResult> byId = new LinkedHashMap<>();
    private final Map<String, AccountState> accounts = new HashMap<>();

    /** The daemon's history: {@link ResultStore#KEEP_RUNS} runs and a strip of {@link ResultStore#STRIP}. */
    public RunHistory() {
        this(KEEP_RUNS, STRIP);
    }

    public RunHistory(int keep, int strip) {
        if (keep < 1 || strip < 1) {
            throw new IllegalArgumentException("keep and strip must be at least 1, got " + keep + " and " + strip);
        }
        this.keep = keep;
        this.strip = strip;
    }

    @Override
    public void onRun(RunResult result) {
        if (result == null) {
            return;
        }
        RunResult summary = summary(result);
        synchronized (lock) {
            byId.put(result.id(), result);
            Iterator<Long> eldest = byId.keySet().iterator();
            while (byId.size() > keep) {
                eldest.next();
                eldest.remove();
            }
            accounts.computeIfAbsent(result.account(), a -> new AccountState()).add(result, summary, strip);
        }
    }

    /** A run still held: one of the last {@code keep}, or an account's latest run or last failure. */
    @Override
    public Optional<RunResult> run(long id) {
        synchronized (lock) {
            RunResult kept = byId.get(id);
            if (kept != null) {
                return Optional.of(kept);
            }
            for (AccountState state : accounts.values()) {
                if (state.latest != null && state.latest.id() == id) {
                    return Optional.of(state.latest);
                }
                if (state.lastFailure != null && state.lastFailure.id() == id) {
                    return Optional.of(state.lastFailure);
                }
            }
            return Optional.empty();
        }
    }

    /** The latest run of an account, if it ran since start-up. */
    public Optional<RunResult> latest(String account) {
        return history(account).latest();
    }

    /** The account's last outcomes, oldest first: summaries without steps or payload; {@link #run} has the trace. */
    public List<RunResult> recent(String account) {
        return history(account).recent();
    }

    /** The account's last failed run, however long ago. */
    public Optional<RunResult> lastFailure(String account) {
        return history(account).lastFailure();
    }

    /** When the account's last passing run (ok or slow) started. */
    public Optional<Instant> lastSuccessAt(String account) {
        return history(account).lastSuccessAt();
    }

    @Override
    public AccountHistory history(String account) {
        synchronized (lock) {
            AccountState state = accounts.get(account);
            if (state == null) {
                return AccountHistory.none(account);
            }
            return new AccountHistory(account, Optional.ofNullable(state.latest), Optional.ofNullable(state.lastFailure),
                    Optional.ofNullable(state.lastSuccessAt), Optional.ofNullable(state.failingSince), List.copyOf(state.recent));
        }
    }

    @Override
    public void retain(Set<String> names) {
        synchronized (lock) {
            accounts.keySet().retainAll(names);
        }
    }

    /** How many full runs are held by id; at most {@code keep}. */
    public int size() {
        synchronized (lock) {
            return byId.size();
        }
    }

    private static RunResult summary(RunResult r) {
        return new RunResult(r.id(), r.account(), r.cohort(), r.ageSeconds(), r.startedAt(), r.duration(), r.outcome(),
                r.detail(), List.of(), List.of(), r.firebaseError(), r.loginPath());
    }

    /** Guarded by the history's lock. */
    private static final class AccountState {
        RunResult latest;
        RunResult lastFailure;
        Instant lastSuccessAt;
        /** When the first failed run after the last passing one started; null while passing. */
        Instant failingSince;
        final ArrayDeque<RunResult> recent = new ArrayDeque<>();

        void add(RunResult result, RunResult summary, int strip) {
            latest = result;
            if (result.passed()) {
                if (lastSuccessAt == null || result.startedAt().isAfter(lastSuccessAt)) {
                    lastSuccessAt = result.startedAt();
                }
                failingSince = null;
            } else {
                lastFailure = result;
                if (failingSince == null) {
                    failingSince = result.startedAt();
                }
            }
            recent.addLast(summary);
            while (recent.size() > strip) {
                recent.removeFirst();
            }
        }
    }
}
