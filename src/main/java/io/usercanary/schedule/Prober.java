package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.RunResult;
import java.util.Map;

/** Runs one account's flow: {@code FlowRunner::run} in production, a wrapper in tests. Should not throw. */
@FunctionalInterface
public interface Prober {
    RunResult run(AccountConfig account);

    /** Makes the prober for a (re)loaded config; {@code knownCohorts} is shared across reloads. */
    @FunctionalInterface
    interface Factory {
        Prober create(CanaryConfig config, Map<String, String> knownCohorts);
    }
}
