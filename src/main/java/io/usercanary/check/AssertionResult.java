package io.usercanary.check;

/** One assertion on a response, such as {@code notEmpty /widgets}, and what was found. */
public record AssertionResult(String assertion, boolean passed, String detail) {}
