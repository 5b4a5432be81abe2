package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadMeasurement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a run under {@link RunResult#MAX_BYTES}, so the run history is bounded by its count times this: when
 * a run would be larger, trace excerpts go first (last step first), then passed assertions, then the traces.
 */
final class RunBounds {
    private static final int OBJECT = 48;

    private RunBounds() {}

    static List<StepResult> steps(List<StepResult> steps, long budget) {
        if (bytes(steps) <= budget) {
            return steps;
        }
        List<StepResult> out = new ArrayList<>(steps);
        for (int i = out.size() - 1; i >= 0 && bytes(out) > budget; i--) {
            StepResult s = out.get(i);
            List<HttpTrace> bare = s.calls().stream()
                    .map(c -> new HttpTrace(c.method(), c.path(), c.status(), c.duration(), "")).toList();
            out.set(i, with(s, bare, s.assertions()));
        }
        for (int i = out.size() - 1; i >= 0 && bytes(out) > budget; i--) {
            StepResult s = out.get(i);
            out.set(i, with(s, s.calls(), s.assertions().stream().filter(a -> !a.passed()).toList()));
        }
        for (int i = out.size() - 1; i >= 0 && bytes(out) > budget; i--) {
            out.set(i, with(out.get(i), List.of(), List.of()));
        }
        return out;
    }

    static long bytes(List<StepResult> steps) {
        long total = 0;
        for (StepResult s : steps) {
            total += OBJECT + chars(s.check()) + chars(s.detail());
            for (HttpTrace c : s.calls()) {
                total += OBJECT + chars(c.method()) + chars(c.path()) + chars(c.bodyExcerpt());
            }
            for (AssertionResult a : s.assertions()) {
                total += OBJECT + chars(a.assertion()) + chars(a.detail());
            }
        }
        return total;
    }

    static long payloadBytes(List<PayloadMeasurement> payload) {
        long total = 0;
        for (PayloadMeasurement m : payload) {
            total += OBJECT + chars(m.check()) + chars(m.pointer());
        }
        return total;
    }

    private static long chars(String s) {
        return s == null ? 0 : OBJECT + 2L * s.length();
    }

    private static StepResult with(StepResult s, List<HttpTrace> calls, List<AssertionResult> assertions) {
        return new StepResult(s.step(), s.check(), s.outcome(), s.detail(), s.duration(), s.status(), calls, assertions, s.skipped());
    }
}
