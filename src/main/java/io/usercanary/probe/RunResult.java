package io.usercanary.probe;

import io.usercanary.auth.FirebaseError;
import io.usercanary.check.Detail;
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
 * A run holds at most about {@link #MAX_BYTES}: its detail is clipped and its traces trimmed to fit.
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

    /** What one run may hold (steps, traces, assertions, measurements), so the history is bounded by count times this. */
    public static final long MAX_BYTES = 32 * 1024;
    /** Measurements kept per run: asserted pointers, far more than a sensible config has. */
    public static final int MAX_MEASUREMENTS = 256;

    public RunResult {
        payload = List.copyOf(payload.size() > MAX_MEASUREMENTS ? payload.subList(0, MAX_MEASUREMENTS) : payload);
        steps = RunBounds.steps(List.copyOf(steps), MAX_BYTES - RunBounds.payloadBytes(payload));
        detail = detail == null ? "" : Detail.clip(detail);
    }

    /** An estimate of what this run holds in memory, for the bound above. */
    public long estimatedBytes() {
        return RunBounds.bytes(steps) + RunBounds.payloadBytes(payload) + 2L * detail.length();
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
