package io.usercanary.check;

import io.usercanary.config.Expectation;
import io.usercanary.config.Regex;
import io.usercanary.http.JsonScan;
import io.usercanary.http.JsonScan.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The {@code absent}, {@code atLeast} and {@code matches} assertions, over values found in one scan. */
final class ValueAssertions {
    /** Where failures go: by the outcome they lead to ({@code empty}, {@code invalid_payload}, {@code mismatch}). */
    record Failures(List<AssertionResult> results, List<PayloadMeasurement> measurements,
                    List<String> empty, List<String> notNumbers, List<String> mismatched) {}

    private ValueAssertions() {}

    static void evaluate(String check, Expectation expect, Map<String, Value> found, Failures out) {
        for (String pointer : expect.absent()) {
            Value node = found.get(pointer);
            boolean absent = node.type() == JsonScan.Type.MISSING || node.type() == JsonScan.Type.NULL;
            PayloadCheck.record(out.results(), out.mismatched(), "absent " + pointer,
                    absent ? null : pointer + " is present (" + PayloadCheck.shown(node) + "), expected absent",
                    PayloadCheck.describe(node));
        }
        expect.atLeast().forEach((pointer, bound) -> {
            Value node = found.get(pointer);
            String assertion = "atLeast " + pointer + " " + bound.toPlainString();
            BigDecimal number = number(node);
            if (number == null) {
                out.measurements().add(new PayloadMeasurement(check, pointer, 0));
                PayloadCheck.record(out.results(), out.notNumbers(), assertion, pointer + " is "
                        + PayloadCheck.describe(node) + ", expected a number at least " + bound.toPlainString(), null);
                return;
            }
            out.measurements().add(new PayloadMeasurement(check, pointer, gauge(number)));
            PayloadCheck.record(out.results(), out.empty(), assertion, number.compareTo(bound) >= 0 ? null
                    : pointer + " is " + node.text() + ", expected at least " + bound.toPlainString(), node.text());
        });
        expect.matches().forEach((pointer, regex) -> {
            Value node = found.get(pointer);
            PayloadCheck.record(out.results(), out.mismatched(), "matches " + pointer + " " + regex.source(),
                    matchProblem(pointer, node, regex), PayloadCheck.shown(node));
        });
    }

    private static String matchProblem(String pointer, Value node, Regex regex) {
        if (node.type() != JsonScan.Type.STRING) {
            return pointer + " is " + PayloadCheck.describe(node) + ", expected a string matching " + regex.source();
        }
        if (node.text() == null) {
            return pointer + " is a string of " + node.size() + " characters, too long to match " + regex.source();
        }
        return regex.find(node.text()) ? null
                : pointer + " is " + PayloadCheck.shown(node) + ", expected a string matching " + regex.source();
    }

    private static BigDecimal number(Value node) {
        if (node.type() != JsonScan.Type.NUMBER || node.text() == null) {
            return null;
        }
        try {
            return new BigDecimal(node.text());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The number as the payload gauge holds it: whole numbers as they are, fractions rounded down, clamped to a long. */
    private static long gauge(BigDecimal number) {
        if (number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (number.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return number.setScale(0, java.math.RoundingMode.FLOOR).longValue();
    }
}
