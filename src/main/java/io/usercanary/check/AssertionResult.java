package io.usercanary.check;

/** One assertion on a response, such as {@code notEmpty /widgets}, and what was found; both bounded by {@link Detail#clip}. */
public record AssertionResult(String assertion, boolean passed, String detail) {
    public AssertionResult {
        assertion = Detail.clip(assertion);
        detail = Detail.clip(detail);
    }
}
