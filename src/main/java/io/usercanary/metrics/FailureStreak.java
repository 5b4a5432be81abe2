package io.usercanary.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.check.AssertionResult;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.StepResult;
import java.util.Optional;

/**
 * {@code usercanary_consecutive_failures}: how many runs in a row of one account ended in the same failing
 * outcome, labelled with that outcome and the check and assertion that failed last. At most one series per
 * account, present only while its last run failed. A value of 2 means a failure confirmed by a second run,
 * which the paging alerts read from one sample instead of counting runs in a window.
 * Not thread-safe: guarded by {@link AccountMeters}.
 */
final class FailureStreak {
    static final String NAME = "usercanary.consecutive.failures";

    private record Labels(String cohort, String outcome, String check, String assertion) {}

    private final MeterRegistry registry;
    private final String account;
    private Labels labels;
    private Gauge gauge;
    private volatile double runs;

    FailureStreak(MeterRegistry registry, String account) {
        this.registry = registry;
        this.account = account;
    }

    void update(RunResult result) {
        if (result.passed()) {
            runs = 0;
            remove();
            return;
        }
        String outcome = result.outcome().label();
        boolean sameOutcome = labels != null && labels.outcome().equals(outcome);
        runs = sameOutcome ? runs + 1 : 1;
        Optional<StepResult> failed = result.steps().stream().filter(s -> s.outcome() == result.outcome()).findFirst();
        show(new Labels(result.cohort(), outcome, failed.map(StepResult::check).orElse(""),
                failed.flatMap(FailureStreak::firstFailedAssertion).orElse("")));
    }

    /** The account moved to another cohort: a streak being shown carries over. */
    void moveTo(String cohort) {
        if (labels != null && !labels.cohort().equals(cohort)) {
            show(new Labels(cohort, labels.outcome(), labels.check(), labels.assertion()));
        }
    }

    void remove() {
        if (gauge != null) {
            registry.remove(gauge);
            gauge = null;
        }
        labels = null;
    }

    private void show(Labels wanted) {
        if (wanted.equals(labels) && gauge != null) {
            return;
        }
        if (gauge != null) {
            registry.remove(gauge);
        }
        labels = wanted;
        gauge = Gauge.builder(NAME, this, s -> s.runs)
                .description("Runs in a row that ended in this failing outcome; absent while the last run passed")
                .tags("account", account, "cohort", wanted.cohort(), "outcome", wanted.outcome(),
                        "check", wanted.check(), "assertion", wanted.assertion())
                .strongReference(true)
                .register(registry);
    }

    /** The first assertion that failed in the step, as configured ({@code notEmpty /widgets}). */
    private static Optional<String> firstFailedAssertion(StepResult step) {
        return step.assertions().stream().filter(a -> !a.passed()).findFirst().map(AssertionResult::assertion);
    }
}
