package io.usercanary.web;

import io.usercanary.check.AssertionResult;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in a run, one line per failed assertion ("overview: /widgets is an empty array"), so a page
 * shows every one instead of the first and a count. A failed step without several failed assertions is one line,
 * in the step's own words; a run with no failed step (slow, or failed before any step) is its detail.
 */
final class FailureLines {
    private FailureLines() {}

    static List<String> of(RunResult run) {
        List<String> lines = new ArrayList<>();
        for (StepResult step : run.steps()) {
            if (!step.outcome().passed()) {
                String where = where(step);
                of(step).forEach(line -> lines.add(where + ": " + line));
            } else if (step.skipped()) {
                lines.add(where(step) + ": " + step.detail());
            }
        }
        if (lines.isEmpty() && !run.detail().isEmpty()) {
            lines.add(run.detail());
        }
        return lines;
    }

    /** The lines of one failed step, without its name. */
    static List<String> of(StepResult step) {
        List<AssertionResult> failed = step.assertions().stream().filter(a -> !a.passed()).toList();
        if (failed.size() > 1) {
            return failed.stream().map(AssertionResult::detail).toList();
        }
        return List.of(step.detail().isEmpty() ? step.outcome().label() : step.detail());
    }

    /** The check's name, or the stage for login, lookup and exchange. */
    static String where(StepResult step) {
        return step.step() == Step.CHECK ? step.check() : step.step().label();
    }
}
