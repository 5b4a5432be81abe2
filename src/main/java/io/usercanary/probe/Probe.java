package io.usercanary.probe;

import io.usercanary.config.AccountConfig;

/**
 * Runs one account once and says how it went: the one name for "run an account". {@link FlowRunner} runs
 * the flow; the daemon's scheduler, {@code check} and the demo only ever call a probe. Never throws.
 */
@FunctionalInterface
public interface Probe {
    RunResult run(AccountConfig account);
}
