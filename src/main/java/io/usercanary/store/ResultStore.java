package io.usercanary.store;

import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import java.util.Optional;
import java.util.Set;

/**
 * Where run results are kept for the pages, the per-account gauges and the reports: each account's latest
 * run, last failure and recent outcomes, and full traces by run id. Fed as a {@link RunListener}.
 *
 * <p>{@link RunHistory} keeps them in memory for one process; a clustered store shares them between
 * replicas, so every replica shows the cluster's latest result. Implementations are thread-safe, never
 * throw from {@link #onRun}, and bound what they hold.
 */
public interface ResultStore extends RunListener {
    /** Outcomes per account in {@link AccountHistory#recent()}: the status page's strip. */
    int STRIP = 30;

    /** Full runs kept by id for {@code /runs/{id}}, besides each account's latest run and last failure. */
    int KEEP_RUNS = 100;

    /** A run still held: a recent one, or an account's latest run or last failure. */
    Optional<RunResult> run(long id);

    /** Everything the status page shows of one account, read at once. */
    AccountHistory history(String account);

    /** Forgets the accounts not in {@code names}, e.g. after a config reload removed them. */
    void retain(Set<String> names);
}
