package io.usercanary.seed;

import io.usercanary.config.AccountConfig;
import io.usercanary.probe.RunResult;

/** Sends an account's {@code provision} requests with fresh tokens: {@code FlowRunner::provision}. Must not throw. */
@FunctionalInterface
public interface Provisioner {
    RunResult provision(AccountConfig account);
}
