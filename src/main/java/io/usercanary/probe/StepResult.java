package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.Detail;
import java.time.Duration;
import java.util.List;

/**
 * One step of a flow; {@code check} is the check's (or provision request's) name, "" for the sign-in stages;
 * status 0 when no response. The detail and the assertions are bounded ({@link Detail#clip}).
 */
public record StepResult(
        Step step,
        String check,
        Outcome outcome,
        String detail,
        Duration duration,
        int status,
        List<HttpTrace> calls,
        List<AssertionResult> assertions) {

    public StepResult {
        check = check == null ? "" : check;
        detail = detail == null ? "" : Detail.clip(detail);
        calls = List.copyOf(calls);
        assertions = List.copyOf(assertions);
    }
}
