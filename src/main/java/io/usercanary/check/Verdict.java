package io.usercanary.check;

import java.util.List;

/** The result of checking one response against its expectation. */
public record Verdict(Kind kind, String detail, List<AssertionResult> assertions, List<PayloadMeasurement> measurements) {
    /** Why a response failed, in the order they are looked for. */
    public enum Kind {
        PASSED,
        /** The status was not the expected one. */
        UNEXPECTED_STATUS,
        /** JSON assertions were configured and the body is not JSON. */
        NOT_JSON,
        /** A notEmpty, minItems or atLeast assertion failed, or a capture found nothing. */
        EMPTY,
        /** An atLeast pointer holds something other than a number. */
        NOT_A_NUMBER,
        /** An equals, header, absent or matches assertion failed. */
        MISMATCH
    }

    public Verdict {
        assertions = List.copyOf(assertions);
        measurements = List.copyOf(measurements);
    }
}
