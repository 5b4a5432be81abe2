package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import java.time.Duration;
import java.util.List;

/** One step of a flow; {@code check} is the check's name for {@link Step#CHECK} and "" otherwise; status 0 when no response. */
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
        detail = detail == null ? "" : detail;
        calls = List.copyOf(calls);
        assertions = List.copyOf(assertions);
    }
}
