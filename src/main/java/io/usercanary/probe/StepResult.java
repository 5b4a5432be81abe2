package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.Detail;
import java.time.Duration;
import java.util.List;

/**
 * One step of a flow; {@code check} is the check's (or provision request's) name, "" for the sign-in stages;
 * status 0 when no response. The detail and the assertions are bounded ({@link Detail#clip}).
 * A {@code skipped} check was not run because a value it needs was not captured: its outcome is {@code ok} (it
 * failed nothing), its detail says {@code not run: needs orgId}, and reports show it skipped, not passed.
 */
public record StepResult(
        Step step,
        String check,
        Outcome outcome,
        String detail,
        Duration duration,
        int status,
        List<HttpTrace> calls,
        List<AssertionResult> assertions,
        boolean skipped) {

    public StepResult {
        check = check == null ? "" : check;
        detail = detail == null ? "" : Detail.clip(detail);
        calls = List.copyOf(calls);
        assertions = List.copyOf(assertions);
    }

    /** A step that ran: the shape before {@code skipped}. */
    public StepResult(Step step, String check, Outcome outcome, String detail, Duration duration, int status,
            List<HttpTrace> calls, List<AssertionResult> assertions) {
        this(step, check, outcome, detail, duration, status, calls, assertions, false);
    }

    /** A check not run because {@code capture} was not captured. */
    public static StepResult skipped(String check, String capture) {
        return new StepResult(Step.CHECK, check, Outcome.OK, "not run: needs " + capture, Duration.ZERO, 0, List.of(), List.of(), true);
    }
}
