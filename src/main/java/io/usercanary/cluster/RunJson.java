package io.usercanary.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.probe.HttpTrace;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RunResult} as the JSON text the result store keeps, and back. Written by hand rather than by data
 * binding so the stored shape is explicit and stable across releases (replicas of two versions share it).
 * A run's detail and traces are already secret-free when they reach the store.
 */
final class RunJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunJson() {}

    static String write(RunResult run) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", run.id());
        o.put("account", run.account());
        o.put("cohort", run.cohort());
        run.ageSeconds().ifPresent(age -> o.put("ageSeconds", age));
        o.put("startedAt", run.startedAt().toString());
        o.put("durationNanos", run.duration().toNanos());
        o.put("outcome", run.outcome().label());
        o.put("detail", run.detail());
        ArrayNode steps = o.putArray("steps");
        for (StepResult s : run.steps()) {
            ObjectNode step = steps.addObject();
            step.put("step", s.step().name());
            step.put("check", s.check());
            step.put("outcome", s.outcome().label());
            step.put("detail", s.detail());
            step.put("durationNanos", s.duration().toNanos());
            step.put("status", s.status());
            ArrayNode calls = step.putArray("calls");
            for (HttpTrace c : s.calls()) {
                calls.addObject().put("method", c.method()).put("path", c.path()).put("status", c.status())
                        .put("durationNanos", c.duration().toNanos()).put("body", c.bodyExcerpt());
            }
            ArrayNode assertions = step.putArray("assertions");
            for (AssertionResult a : s.assertions()) {
                assertions.addObject().put("assertion", a.assertion()).put("passed", a.passed()).put("detail", a.detail());
            }
        }
        ArrayNode payload = o.putArray("payload");
        for (PayloadMeasurement m : run.payload()) {
            payload.addObject().put("check", m.check()).put("pointer", m.pointer()).put("items", m.items());
        }
        run.firebaseError().ifPresent(code -> o.put("firebaseError", code));
        o.put("loginPath", run.loginPath());
        return o.toString();
    }

    /** The run as stored, under the store's own {@code id}. */
    static RunResult read(String text, long id) {
        JsonNode o;
        try {
            o = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + id + " is stored as unreadable JSON", e);
        }
        List<StepResult> steps = new ArrayList<>();
        for (JsonNode s : o.path("steps")) {
            List<HttpTrace> calls = new ArrayList<>();
            for (JsonNode c : s.path("calls")) {
                calls.add(new HttpTrace(c.path("method").asText(), c.path("path").asText(), c.path("status").asInt(),
                        Duration.ofNanos(c.path("durationNanos").asLong()), c.path("body").asText()));
            }
            List<AssertionResult> assertions = new ArrayList<>();
            for (JsonNode a : s.path("assertions")) {
                assertions.add(new AssertionResult(a.path("assertion").asText(), a.path("passed").asBoolean(),
                        a.path("detail").asText()));
            }
            steps.add(new StepResult(Step.valueOf(s.path("step").asText()), s.path("check").asText(),
                    Outcome.fromLabel(s.path("outcome").asText()), s.path("detail").asText(),
                    Duration.ofNanos(s.path("durationNanos").asLong()), s.path("status").asInt(), calls, assertions));
        }
        List<PayloadMeasurement> payload = new ArrayList<>();
        for (JsonNode m : o.path("payload")) {
            payload.add(new PayloadMeasurement(m.path("check").asText(), m.path("pointer").asText(), m.path("items").asLong()));
        }
        return new RunResult(id, o.path("account").asText(), o.path("cohort").asText(),
                o.hasNonNull("ageSeconds") ? Optional.of(o.get("ageSeconds").asLong()) : Optional.empty(),
                Instant.parse(o.path("startedAt").asText()), Duration.ofNanos(o.path("durationNanos").asLong()),
                Outcome.fromLabel(o.path("outcome").asText()), o.path("detail").asText(), steps, payload,
                o.hasNonNull("firebaseError") ? Optional.of(o.get("firebaseError").asText()) : Optional.empty(),
                o.path("loginPath").asText());
    }

    /** The run without steps or payload: what the status page's strip shows. */
    static RunResult summary(RunResult r) {
        return new RunResult(r.id(), r.account(), r.cohort(), r.ageSeconds(), r.startedAt(), r.duration(), r.outcome(),
                r.detail(), List.of(), List.of(), r.firebaseError(), r.loginPath());
    }
}
