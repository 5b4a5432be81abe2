package io.usercanary.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code usercanary_step_duration_seconds} by step and check, resolved once per config: a run records into
 * the timers it finds here without a registry lookup. Immutable, so safe to share between threads.
 */
final class StepTimers {
    static final String NAME = "usercanary.step.duration";
    /** Step-duration buckets, 5 ms to 30 s. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    /** The steps of a run without a check, by {@link Step#ordinal()}; null for CHECK and PROVISION. */
    private final Timer[] steps;
    private final Map<String, Timer> checks;

    private StepTimers(MeterRegistry registry, Timer[] steps, Map<String, Timer> checks) {
        this.registry = registry;
        this.steps = steps;
        this.checks = checks;
    }

    static StepTimers none() {
        return new StepTimers(null, new Timer[Step.values().length], Map.of());
    }

    /** The login, lookup and exchange timers and one per configured check, registered when new. */
    static StepTimers register(MeterRegistry registry, Set<String> checks) {
        Timer[] steps = new Timer[Step.values().length];
        for (Step step : List.of(Step.LOGIN, Step.LOOKUP, Step.EXCHANGE)) { // PROVISION is seed's, never a run's
            steps[step.ordinal()] = timer(registry, step.label(), "");
        }
        Map<String, Timer> byCheck = new HashMap<>();
        checks.forEach(check -> byCheck.put(check, timer(registry, Step.CHECK.label(), check)));
        return new StepTimers(registry, steps, Map.copyOf(byCheck));
    }

    Set<String> checks() {
        return checks.keySet();
    }

    void record(StepResult step) {
        Timer timer = step.step() == Step.CHECK ? checks.get(step.check()) : steps[step.step().ordinal()];
        if (timer == null) { // a check no longer configured, finishing after a reload; never on a normal run
            timer = timer(registry, step.step().label(), step.check());
        }
        timer.record(step.duration());
    }

    /** Removes the timers of checks the config no longer has. */
    void remove(MeterRegistry from, Collection<String> goneChecks) {
        goneChecks.forEach(check -> from.remove(checks.get(check)));
    }

    private static Timer timer(MeterRegistry registry, String step, String check) {
        return Timer.builder(NAME)
                .description("Duration of each step of a flow")
                .tags("step", step, "check", check)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
