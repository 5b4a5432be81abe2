package io.usercanary.seed;

import io.usercanary.config.AccountConfig;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.RedactedThrowable;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ephemeral renewal as a step before the flow: an {@code ephemeral} account past its {@code maxAge} is
 * created again and provisioned ({@link EphemeralAccounts}), its old tokens dropped, then the flow runs.
 * When it cannot be made again, the run fails at login without calling Firebase. Never throws.
 */
public final class RenewingProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger(RenewingProbe.class);

    private final EphemeralAccounts ephemeral;
    private final FlowRunner runner;

    public RenewingProbe(EphemeralAccounts ephemeral, FlowRunner runner) {
        this.ephemeral = ephemeral;
        this.runner = runner;
    }

    @Override
    public RunResult run(AccountConfig account) {
        EphemeralAccounts.Renewal renewal;
        try {
            renewal = ephemeral.renewIfDue(account, runner::provision);
        } catch (RuntimeException e) {
            LOG.error("internal error renewing ephemeral account {}: {}", account.name(), e.getClass().getName(),
                    RedactedThrowable.withoutMessage(e));
            renewal = EphemeralAccounts.Renewal.failed("ephemeral account could not be recreated: internal error (see the log): "
                    + e.getClass().getSimpleName());
        }
        if (renewal.recreated() || renewal.failed()) {
            runner.forget(account);
        }
        return renewal.failed() ? runner.notReady(account, renewal.failure()) : runner.run(account);
    }
}
