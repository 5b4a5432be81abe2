package io.usercanary.check;

import io.usercanary.config.Expectation;
import io.usercanary.http.JsonScan;
import io.usercanary.http.JsonScan.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import okhttp3.Headers;

/**
 * Evaluates an {@link Expectation} against a response. Empty data outranks wrong data: a half-cloned
 * database shows both, and {@code empty} is the signal the alerts page on. The body is read in one streaming
 * pass ({@link JsonScan}), never as a tree, so its size and shape cannot exhaust memory.
 */
public final class PayloadCheck {
    /** How much of a found value a detail quotes: enough to recognise it, never the whole of a huge one. */
    private static final int SHOWN_CHARS = 80;

    private PayloadCheck() {}

    public static Verdict evaluate(String check, Expectation expect, Function<String, String> vars,
                                   int status, Headers headers, byte[] body) {
        return evaluate(check, expect, vars, status, headers, body, Set.of(), new java.util.HashMap<>());
    }

    /**
     * As above, also reading {@code captures} (JSON Pointers) into {@code captured} in the same pass over the
     * body (missing values included), whenever the status is accepted and the body is JSON.
     */
    public static Verdict evaluate(String check, Expectation expect, Function<String, String> vars,
                                   int status, Headers headers, byte[] body, Set<String> captures, Map<String, Value> captured) {
        List<AssertionResult> results = new ArrayList<>();
        List<PayloadMeasurement> measurements = new ArrayList<>();
        boolean statusOk = expect.acceptsStatus(status);
        String expected = expect.expectedStatus();
        results.add(new AssertionResult("status " + expected, statusOk, "got " + status));
        if (!statusOk) {
            return new Verdict(Verdict.Kind.UNEXPECTED_STATUS, "expected status " + expected + ", got " + status,
                    results, measurements);
        }
        List<String> empty = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> notNumbers = new ArrayList<>();
        Set<String> pointers = new LinkedHashSet<>(expect.notEmpty());
        pointers.addAll(expect.minItems().keySet());
        pointers.addAll(expect.equals().keySet());
        pointers.addAll(expect.absent());
        pointers.addAll(expect.atLeast().keySet());
        pointers.addAll(expect.matches().keySet());
        pointers.addAll(captures);
        if (!pointers.isEmpty()) {
            Map<String, Value> found;
            try {
                found = JsonScan.scan(body, pointers);
            } catch (JsonScan.NotJson e) {
                if (e.getMessage().equals("body is empty")) {
                    results.add(new AssertionResult("body is JSON", false, "body is empty"));
                    return new Verdict(Verdict.Kind.NOT_JSON, "body is empty, expected JSON", results, measurements);
                }
                String why = "body is not JSON: " + e.getMessage();
                results.add(new AssertionResult("body is JSON", false, why));
                return new Verdict(Verdict.Kind.NOT_JSON, why, results, measurements);
            }
            for (String pointer : expect.notEmpty()) {
                Value node = found.get(pointer);
                measurements.add(new PayloadMeasurement(check, pointer, size(node)));
                String problem = emptiness(pointer, node);
                record(results, empty, "notEmpty " + pointer, problem, describe(node));
            }
            for (Map.Entry<String, Integer> min : expect.minItems().entrySet()) {
                String pointer = min.getKey();
                Value node = found.get(pointer);
                if (!expect.notEmpty().contains(pointer)) {
                    measurements.add(new PayloadMeasurement(check, pointer, size(node)));
                }
                String problem = null;
                if (!node.isContainer()) {
                    problem = pointer + " is " + describe(node) + ", expected at least " + min.getValue() + " items";
                } else if (node.size() < min.getValue()) {
                    problem = pointer + " has " + node.size() + " items, expected at least " + min.getValue();
                }
                record(results, empty, "minItems " + pointer + " " + min.getValue(), problem, describe(node));
            }
            expect.equals().forEach((pointer, template) -> {
                String want = template.render(vars);
                Value node = found.get(pointer);
                String problem = null;
                if (node.type() == JsonScan.Type.MISSING || node.type() == JsonScan.Type.NULL) {
                    problem = pointer + " is " + describe(node) + ", expected " + want;
                } else if (!node.isScalar() || node.text() == null || !node.text().equals(want)) {
                    problem = pointer + " is " + shown(node) + ", expected " + want;
                }
                record(results, mismatched, "equals " + pointer + " " + want, problem, shown(node));
            });
            ValueAssertions.evaluate(check, expect, found, new ValueAssertions.Failures(results, measurements, empty, notNumbers, mismatched));
            found.keySet().retainAll(captures);
            captured.putAll(found);
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
        if (!notNumbers.isEmpty()) {
            return new Verdict(Verdict.Kind.NOT_A_NUMBER, summary(notNumbers), results, measurements);
        }
        if (!mismatched.isEmpty()) {
            return new Verdict(Verdict.Kind.MISMATCH, summary(mismatched), results, measurements);
        }
        return new Verdict(Verdict.Kind.PASSED, "", results, measurements);
    }

    static void record(List<AssertionResult> results, List<String> failures, String assertion, String problem, String found) {
        if (problem == null) {
            results.add(new AssertionResult(assertion, true, found));
        } else {
            results.add(new AssertionResult(assertion, false, problem));
            failures.add(problem);
        }
    }

    private static String emptiness(String pointer, Value node) {
        return switch (node.type()) {
            case MISSING -> pointer + " is missing";
            case NULL -> pointer + " is null";
            case ARRAY -> node.size() == 0 ? pointer + " is an empty array" : null;
            case OBJECT -> node.size() == 0 ? pointer + " is an empty object" : null;
            case STRING -> node.size() == 0 ? pointer + " is an empty string" : null;
            default -> null;
        };
    }

    /** Array or object entries, string length, 1 for another value, 0 when absent or null. */
    static long size(Value node) {
        return switch (node.type()) {
            case ARRAY, OBJECT, STRING -> node.size();
            case MISSING, NULL -> 0;
            default -> 1;
        };
    }

    /** A scalar's own text, clipped (the details are bounded), or what the container is. */
    static String shown(Value node) {
        if (!node.isScalar()) {
            return describe(node);
        }
        return node.text() == null ? "a string of " + node.size() + " characters" : Detail.clip(node.text(), SHOWN_CHARS);
    }

    static String describe(Value node) {
        return switch (node.type()) {
            case MISSING -> "missing";
            case NULL -> "null";
            case ARRAY -> "an array of " + node.size();
            case OBJECT -> "an object with " + node.size() + " keys";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
        };
    }

    private static String summary(List<String> problems) {
        return problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "");
    }
}
