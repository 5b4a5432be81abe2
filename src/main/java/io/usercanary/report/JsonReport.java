package io.usercanary.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;

/**
 * The round as JSON, for pipelines: {@code {"environment","location","startedAt","passed","results":[...]}}, each
 * result with its whole-day age and its steps, each check step with its failed assertions.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(RoundReport report) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("environment", report.environment())
                .put("location", report.location())
                .put("startedAt", report.startedAt().toString())
                .put("passed", report.passed());
        ArrayNode results = root.putArray("results");
        for (RunResult r : report.results()) {
            ObjectNode result = results.addObject()
                    .put("account", r.account())
                    .put("cohort", r.cohort());
            if (r.ageSeconds().isPresent()) {
                result.put("ageDays", r.ageSeconds().get() / 86_400);
            } else {
                result.putNull("ageDays");
            }
            result.put("outcome", r.outcome().label())
                    .put("detail", r.detail())
                    .put("durationMs", r.duration().toMillis());
            ArrayNode steps = result.putArray("steps");
            for (StepResult s : r.steps()) {
                ObjectNode step = steps.addObject()
                        .put("step", s.step().label())
                        .put("check", s.check())
                        .put("outcome", s.outcome().label())
                        .put("detail", s.detail())
                        .put("durationMs", s.duration().toMillis())
                        .put("status", s.status());
                if (s.skipped()) {
                    step.put("skipped", true);
                }
                if (s.step() == Step.CHECK) {
                    failedAssertions(step.putArray("failedAssertions"), s);
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a tree we built", e);
        }
    }

    private static void failedAssertions(ArrayNode out, StepResult step) {
        for (FailedAssertion failed : FailedAssertion.of(step)) {
            out.addObject()
                    .put("assertion", failed.assertion())
                    .put("pointer", failed.pointer())
                    .put("expected", failed.expected())
                    .put("actual", failed.actual())
                    .put("outcome", failed.outcome().label());
        }
    }
}
