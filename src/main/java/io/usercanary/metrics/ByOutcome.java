package io.usercanary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.probe.Outcome;
import java.util.function.Function;

/** A counter per outcome, registered at zero together and indexed by {@link Outcome#ordinal()} for runs to count into. */
final class ByOutcome {
    private ByOutcome() {}

    static Counter[] register(MeterRegistry registry, Function<Outcome, Counter.Builder> counter) {
        Outcome[] outcomes = Outcome.values();
        Counter[] byOutcome = new Counter[outcomes.length];
        for (Outcome outcome : outcomes) {
            byOutcome[outcome.ordinal()] = counter.apply(outcome).register(registry);
        }
        return byOutcome;
    }
}
