package io.usercanary.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.AccountStates;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Probe;
import io.usercanary.seed.EphemeralAccounts;
import io.usercanary.seed.RenewingProbe;
import java.time.Clock;

/**
 * Builds the probe each (re)loaded config runs with: ephemeral renewal, then the flow. Everything a probe keeps between runs lives outside it (the account states, the
 * ephemeral accounts' ages), so a probe can be built for a new config and thrown away if the reload is refused.
 */
@FunctionalInterface
public interface Probes {
    Probe forConfig(CanaryConfig config);

    /** What {@code run}, the demo and {@code check} use ({@code check} with states of its own). */
    static Probes real(CanaryConfig initial, BoundedHttp http, Clock clock, AccountStates states, MeterRegistry registry) {
        // Built once: it keeps each ephemeral account's creation time across reloads.
        EphemeralAccounts ephemeral = EphemeralAccounts.forConfig(initial, clock, registry);
        return config -> {
            FlowRunner runner = FlowRunner.create(config, http, clock, states);
            return new RenewingProbe(ephemeral, runner);
        };
    }
}
