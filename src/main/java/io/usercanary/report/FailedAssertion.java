package io.usercanary.report;

import io.usercanary.check.AssertionResult;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.StepResult;
import java.util.List;

/**
 * A failed assertion as a pipeline reads it: the JSON Pointer it looked at (null for status and header
 * assertions), what was expected, what was found, and the outcome that failure alone stands for.
 *
 * <p>{@link AssertionResult} holds the assertion as text ({@code "minItems /widgets 3"}) and what was found; the
 * parts are read back from that text here, in one place, until it carries them as fields.
 */
public record FailedAssertion(String assertion, String pointer, String expected, String actual, Outcome outcome) {

    /** The failed assertions of one step, in the order they were evaluated. */
    public static List<FailedAssertion> of(StepResult step) {
        return step.assertions().stream().filter(a -> !a.passed()).map(a -> of(a, step.outcome())).toList();
    }

    static FailedAssertion of(AssertionResult result, Outcome stepOutcome) {
        String text = result.assertion();
        String[] parts = text.split(" ", 3);
        String kind = parts[0];
        String pointer = parts.length > 1 && parts[1].startsWith("/") ? parts[1] : null;
        String rest = parts.length > 2 ? parts[2] : "";
        String expected = switch (kind) {
            case "notEmpty" -> "not empty";
            case "minItems" -> "at least " + rest + " items";
            case "equals" -> rest;
            case "header" -> parts.length > 1 ? parts[1] + ": " + rest : rest;
            case "status" -> parts.length > 1 ? parts[1] : "";
            default -> text;
        };
        return new FailedAssertion(text, pointer, expected, result.detail(), outcomeOf(kind, stepOutcome));
    }

    /** Empty data and wrong data are told apart per assertion, since one response can show both. */
    private static Outcome outcomeOf(String kind, Outcome stepOutcome) {
        return switch (kind) {
            case "notEmpty", "minItems" -> Outcome.EMPTY;
            case "equals", "header" -> Outcome.MISMATCH;
            default -> stepOutcome;
        };
    }
}
