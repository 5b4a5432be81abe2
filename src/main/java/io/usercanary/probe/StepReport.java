package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import java.util.List;

/** What a step found, before the runner adds its name, timing and calls and redacts it; status 0 when no response. */
record StepReport(Outcome outcome, String detail, int status, List<AssertionResult> assertions) {
    StepReport {
        detail = detail == null ? "" : detail;
        assertions = List.copyOf(assertions);
    }

    static StepReport ok(String detail, int status) {
        return new StepReport(Outcome.OK, detail, status, List.of());
    }

    static StepReport failed(Outcome outcome, String detail, int status) {
        return new StepReport(outcome, detail, status, List.of());
    }
}
