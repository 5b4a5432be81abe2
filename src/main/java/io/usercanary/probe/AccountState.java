package io.usercanary.probe;

import io.usercanary.auth.SignInState;
import io.usercanary.config.AccountConfig;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything kept about one account between its runs, and across config reloads while the account stays:
 * its derived cohort, its sign-in state (tokens, throttle backoff) and whether it is failing with a
 * confirmation run due. Its history and metrics are kept by name in the store and the metrics, dropped with it.
 * Thread-safe.
 */
public final class AccountState {
    private final SignInState signIn = new SignInState();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean confirmationDue = new AtomicBoolean();
    private volatile String derivedCohort;

    /** The account's cohort: its configured one, else the one its last lookup derived, else {@code unknown}. */
    public String cohort(AccountConfig account) {
        return account.cohortOr(derivedCohort);
    }

    /** The cohort the last lookup derived from the account's age, if any did. */
    public String derivedCohort() {
        return derivedCohort;
    }

    void deriveCohort(String cohort) {
        derivedCohort = cohort;
    }

    public SignInState signIn() {
        return signIn;
    }

    /**
     * Records a finished run: a failure after a pass (or as the first run) makes a confirmation run due;
     * a pass clears the failing state.
     */
    public void finished(boolean passed) {
        if (passed) {
            failing.set(false);
        } else if (failing.compareAndSet(false, true)) {
            confirmationDue.set(true);
        }
    }

    /** True once after a first failure: the moment to run the account again soon. */
    public boolean takeConfirmation() {
        return confirmationDue.getAndSet(false);
    }

    /**
     * Replicas sharing a history decide it there instead: due iff the failed run just stored opened the
     * account's failing streak, whichever replica ran the runs before it.
     */
    public void confirmationDue(boolean due) {
        confirmationDue.set(due);
    }

    public boolean failing() {
        return failing.get();
    }
}
