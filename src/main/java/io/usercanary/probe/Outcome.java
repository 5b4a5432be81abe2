package io.usercanary.probe;

/** The fixed set of outcomes; metrics, alerts and exit codes key on {@link #label()}. */
public enum Outcome {
    OK("ok", true),
    /** Passed, but a check took longer than its {@code slowAfter}. */
    SLOW("slow", true),
    /** Firebase: the sign-in or the lookup failed, however (refused, timed out, unreachable, no token in the answer). */
    LOGIN_FAILED("login_failed", false),
    /** The backend's token exchange failed, however (status, no token, refused, timed out). */
    EXCHANGE_FAILED("exchange_failed", false),
    /** A check got an unexpected HTTP status. The check outcomes below are the backend's dashboard requests only. */
    HTTP_ERROR("http_error", false),
    /** A check ran out of the flow timeout, or a socket timed out. */
    TIMEOUT("timeout", false),
    /** A check got no response at all: refused, DNS, TLS, reset. */
    NETWORK_ERROR("network_error", false),
    /** A check's body is not JSON, truncated or too large. */
    INVALID_PAYLOAD("invalid_payload", false),
    /** A notEmpty or minItems assertion failed: the incident usercanary exists for. */
    EMPTY("empty", false),
    /** An equals or header assertion failed: wrong data, environment or database. */
    MISMATCH("mismatch", false),
    /** A bug in the canary (an exception in a flow): nobody else's fault, never counted as the backend's. */
    INTERNAL_ERROR("internal_error", false);

    private final String label;
    private final boolean passed;

    Outcome(String label, boolean passed) {
        this.label = label;
        this.passed = passed;
    }

    public String label() {
        return label;
    }

    public boolean passed() {
        return passed;
    }

    public static Outcome fromLabel(String label) {
        for (Outcome outcome : values()) {
            if (outcome.label.equals(label)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + label);
    }
}
