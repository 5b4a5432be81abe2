package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import io.usercanary.config.TokenLocation;
import io.usercanary.http.HttpResult;
import io.usercanary.http.JsonScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a check's captures from its response into the flow: a JSON value (already found by the check's one
 * scan), a header or a cookie. A value from a secret-sounding header, or any cookie, is registered as a secret
 * before anything holding it is recorded; its assertion never quotes it.
 */
final class CaptureReader {
    /** What was read: problems that make the check {@code empty} (nothing there) or {@code mismatch} (not a value). */
    record Read(List<String> empty, List<String> wrong, List<AssertionResult> assertions) {
        static final Read NONE = new Read(List.of(), List.of(), List.of());
    }

    private CaptureReader() {}

    /** {@code json} holds the values at the JSON captures' pointers; {@code jsonRead} is false when the body was not JSON. */
    static Read read(Map<String, TokenLocation> captures, HttpResult result, Map<String, JsonScan.Value> json,
                     boolean jsonRead, FlowContext context) {
        List<String> empty = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<AssertionResult> assertions = new ArrayList<>();
        captures.forEach((name, location) -> {
            String assertion = "capture " + name + " " + location.name();
            String value;
            String problem;
            boolean secret = false;
            switch (location.kind()) {
                case JSON -> {
                    if (!jsonRead) {
                        return; // the check already failed as invalid_payload, and says why
                    }
                    JsonScan.Value node = json.getOrDefault(location.name(), JsonScan.Value.MISSING);
                    value = node.isScalar() ? node.text() : null;
                    problem = switch (node.type()) {
                        case MISSING -> "is missing";
                        case NULL -> "is null";
                        case STRING -> node.text() == null ? "is a string of " + node.size() + " characters, too long to capture"
                                : node.text().isEmpty() ? "is an empty string" : null;
                        case ARRAY -> "is an array, expected a string or number";
                        case OBJECT -> "is an object, expected a string or number";
                        default -> null;
                    };
                }
                case HEADER -> {
                    value = result.header(location.name());
                    problem = value == null ? "is missing" : value.isBlank() ? "is empty" : null;
                    secret = SecretShapes.secretName(location.name());
                }
                default -> {
                    value = cookie(result, location.name());
                    problem = value == null ? "is not set by this response" : value.isEmpty() ? "is empty" : null;
                    secret = true;
                }
            }
            if (problem == null) {
                if (secret) {
                    context.redactor.add(value);
                }
                context.captures.put(name, value);
                assertions.add(new AssertionResult(assertion, true, secret ? "captured (a secret)" : "captured"));
                return;
            }
            String where = location.kind() == TokenLocation.Kind.JSON ? location.name() : location.toString();
            String detail = "capture " + name + ": " + where + " " + problem;
            assertions.add(new AssertionResult(assertion, false, detail));
            boolean nothing = problem.startsWith("is missing") || problem.startsWith("is null") || problem.startsWith("is empty")
                    || problem.startsWith("is not set") || problem.equals("is an empty string");
            (nothing ? empty : wrong).add(detail);
        });
        return new Read(empty, wrong, assertions);
    }

    /** The value of cookie {@code name} set by this response, or null. */
    private static String cookie(HttpResult result, String name) {
        for (String header : result.setCookies()) {
            int end = header.indexOf(';');
            String first = (end >= 0 ? header.substring(0, end) : header).trim();
            int eq = first.indexOf('=');
            if (eq > 0 && first.substring(0, eq).trim().equals(name)) {
                return first.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
