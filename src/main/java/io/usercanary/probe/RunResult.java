package io.usercanary.probe;

import io.usercanary.auth.FirebaseError;
import io.usercanary.check.PayloadMeasurement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run of one account's flow. {@code outcome} is the first failure in flow order, else slow or ok.
 * {@code ageSeconds} is empty when the lookup was not reached; {@code firebaseError} is Firebase's code, if it said no.
 */
public record RunResult(
        long id,
        String account,
        String cohort,
        Optional<Long> ageSeconds,
        Instant startedAt,
        Duration duration,
        Outcome outcome,
        String detail,
        List<StepResult> steps,
        List<PayloadMeasurement> payload,
        Optional<String> firebaseError,
        String loginPath) {

    public RunResult {
        steps = List.copyOf(steps);
        payload = List.copyOf(payload);
        detail = detail == null ? "" : detail;
    }

    public boolean passed() {
        return outcome.passed();
    }

    /** Every value {@link #firebaseErrorLabel()} can take, sorted: what the metrics pre-register. */
    public static final Set<String> FIREBASE_ERROR_LABELS = firebaseErrorLabels();

    /** Firebase's code as a metric label: itself when documented, {@code other} otherwise. */
    public Optional<String> firebaseErrorLabel() {
        return firebaseError.map(code -> FirebaseError.DOCUMENTED_CODES.contains(code) ? code : "other");
    }

    private static Set<String> firebaseErrorLabels() {
        Set<String> labels = new TreeSet<>(FirebaseError.DOCUMENTED_CODES);
        labels.add("other");
        return java.util.Collections.unmodifiableSet(labels);
    }

    public Optional<StepResult> step(Step step) {
        return steps.stream().filter(s -> s.step() == step).findFirst();
    }
}
