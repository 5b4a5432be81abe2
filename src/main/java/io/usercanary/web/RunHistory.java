package io.usercanary.web;

import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import java.util.List;
import java.util.Optional;

/**
 * Recent runs for the status page and /runs/{id}: the last {@code keep} runs, plus each account's last
 * failure even after it scrolls out, plus each account's last {@code strip} outcomes. Thread-safe.
 * CONTRACT ONLY: implemented on the web branch.
 */
public final class RunHistory implements RunListener {
    public RunHistory(int keep, int strip) {
    }

    @Override
    public void onRun(RunResult result) {
        throw new UnsupportedOperationException("implemented on the web branch");
    }

    public Optional<RunResult> run(long id) {
        throw new UnsupportedOperationException("implemented on the web branch");
    }

    /** The latest run of an account, if it ran since start-up. */
    public Optional<RunResult> latest(String account) {
        throw new UnsupportedOperationException("implemented on the web branch");
    }

    /** The account's last outcomes, oldest first. */
    public List<RunResult> recent(String account) {
        throw new UnsupportedOperationException("implemented on the web branch");
    }
}
