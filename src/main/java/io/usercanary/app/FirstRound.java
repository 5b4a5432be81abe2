package io.usercanary.app;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Readiness: true once every configured account has run at least once, and from then on. Thread-safe. */
final class FirstRound implements RunListener {
    private final Set<String> ran = ConcurrentHashMap.newKeySet();
    private volatile boolean complete;

    @Override
    public void onRun(RunResult result) {
        ran.add(result.account());
    }

    boolean complete(CanaryConfig config) {
        if (!complete) {
            complete = config.accounts().stream().map(AccountConfig::name).allMatch(ran::contains);
        }
        return complete;
    }

    /** Accounts of {@code config} that have not run yet, for the 503 message. */
    long waiting(CanaryConfig config) {
        return config.accounts().stream().map(AccountConfig::name).filter(name -> !ran.contains(name)).count();
    }
}
