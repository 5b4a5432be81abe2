package io.usercanary.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.config.Expectation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.Headers;

/**
 * Evaluates an {@link Expectation} against a response. Empty data outranks wrong data: a half-cloned
 * database shows both, and {@code empty} is the signal the alerts page on.
 */
public final class PayloadCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadCheck() {}

    public static Verdict evaluate(String check, Expectation expect, Function<String, String> vars,
                                   int status, Headers headers, byte[] body) {
        List<AssertionResult> results = new ArrayList<>();
        List<PayloadMeasurement> measurements = new ArrayList<>();
        boolean statusOk = expect.acceptsStatus(status);
        String expected = expect.status() == null ? "2xx" : String.valueOf(expect.status());
        results.add(new AssertionResult("status " + expected, statusOk, "got " + status));
        if (!statusOk) {
            return new Verdict(Verdict.Kind.UNEXPECTED_STATUS, "expected status " + expected + ", got " + status,
                    results, measurements);
        }
        List<String> empty = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        boolean needsJson = !expect.notEmpty().isEmpty() || !expect.minItems().isEmpty() || !expect.equals().isEmpty();
        if (needsJson) {
            JsonNode root;
            try {
                root = MAPPER.readTree(body);
            } catch (IOException e) {
                String why = "body is not JSON: " + parseProblem(e);
                results.add(new AssertionResult("body is JSON", false, why));
                return new Verdict(Verdict.Kind.NOT_JSON, why, results, measurements);
            }
            if (root == null || root.isMissingNode()) {
                results.add(new AssertionResult("body is JSON", false, "body is empty"));
                return new Verdict(Verdict.Kind.NOT_JSON, "body is empty, expected JSON", results, measurements);
            }
            for (String pointer : expect.notEmpty()) {
                JsonNode node = root.at(pointer);
                measurements.add(new PayloadMeasurement(check, pointer, size(node)));
                String problem = emptiness(pointer, node);
                record(results, empty, "notEmpty " + pointer, problem, describe(node));
            }
            for (Map.Entry<String, Integer> min : expect.minItems().entrySet()) {
                JsonNode node = root.at(min.getKey());
                String pointer = min.getKey();
                if (!expect.notEmpty().contains(pointer)) {
                    measurements.add(new PayloadMeasurement(check, pointer, size(node)));
                }
                String problem = null;
                if (!node.isArray() && !node.isObject()) {
                    problem = pointer + " is " + describe(node) + ", expected at least " + min.getValue() + " items";
                } else if (node.size() < min.getValue()) {
                    problem = pointer + " has " + node.size() + " items, expected at least " + min.getValue();
                }
                record(results, empty, "minItems " + pointer + " " + min.getValue(), problem, describe(node));
            }
            expect.equals().forEach((pointer, template) -> {
                String want = template.render(vars);
                JsonNode node = root.at(pointer);
                String problem = null;
                if (node.isMissingNode() || node.isNull()) {
                    problem = pointer + " is " + describe(node) + ", expected " + want;
                } else if (node.isContainerNode() || !node.asText().equals(want)) {
                    problem = pointer + " is " + (node.isContainerNode() ? describe(node) : node.asText()) + ", expected " + want;
                }
                record(results, mismatched, "equals " + pointer + " " + want, problem, node.isValueNode() ? node.asText() : describe(node));
            });
        }
        expect.headers().forEach((name, want) -> {
            String got = headers.get(name);
            String problem = got == null ? "expected " + name + " " + want + ", got no " + name + " header"
                    : got.equals(want) ? null : "expected " + name + " " + want + ", got " + got;
            record(results, mismatched, "header " + name + " " + want, problem, got == null ? "absent" : got);
        });
        if (!empty.isEmpty()) {
            return new Verdict(Verdict.Kind.EMPTY, summary(empty), results, measurements);
        }
        if (!mismatched.isEmpty()) {
            return new Verdict(Verdict.Kind.MISMATCH, summary(mismatched), results, measurements);
        }
        return new Verdict(Verdict.Kind.PASSED, "", results, measurements);
    }

    private static void record(List<AssertionResult> results, List<String> failures, String assertion, String problem, String found) {
        if (problem == null) {
            results.add(new AssertionResult(assertion, true, found));
        } else {
            results.add(new AssertionResult(assertion, false, problem));
            failures.add(problem);
        }
    }

    private static String emptiness(String pointer, JsonNode node) {
        if (node.isMissingNode()) {
            return pointer + " is missing";
        }
        if (node.isNull()) {
            return pointer + " is null";
        }
        if (node.isArray() && node.isEmpty()) {
            return pointer + " is an empty array";
        }
        if (node.isObject() && node.isEmpty()) {
            return pointer + " is an empty object";
        }
        if (node.isTextual() && node.asText().isEmpty()) {
            return pointer + " is an empty string";
        }
        return null;
    }

    static long size(JsonNode node) {
        if (node.isContainerNode()) {
            return node.size();
        }
        if (node.isTextual()) {
            return node.asText().length();
        }
        return node.isMissingNode() || node.isNull() ? 0 : 1;
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array of " + node.size();
        }
        if (node.isObject()) {
            return "an object with " + node.size() + " keys";
        }
        if (node.isTextual()) {
            return "a string";
        }
        return "a " + node.getNodeType().name().toLowerCase();
    }

    private static String summary(List<String> problems) {
        return problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "");
    }

    private static String parseProblem(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            String message = jpe.getOriginalMessage();
            int colon = message.indexOf(':');
            String what = (colon > 0 ? message.substring(0, colon) : message).trim();
            if (jpe.getLocation() != null) {
                what += " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
            }
            return what.toLowerCase().startsWith("unexpected end-of-input") ? "truncated (" + what + ")" : what;
        }
        return e.getClass().getSimpleName();
    }
}
