package io.usercanary.probe;

/** The fixed set of outcomes; metrics, alerts and exit codes key on {@link #label()}. */
public enum Outcome {
    OK("ok", true),
    /** Passed, but a check took longer than its {@code slowAfter}. */
    SLOW("slow", true),
    LOGIN_FAILED("login_failed", false),
    EXCHANGE_FAILED("exchange_failed", false),
    /** A check got an unexpected HTTP status. */
    HTTP_ERROR("http_error", false),
    TIMEOUT("timeout", false),
    /** Refused, DNS, TLS, reset: no response at all. */
    NETWORK_ERROR("network_error", false),
    /** Not JSON, truncated or too large. */
    INVALID_PAYLOAD("invalid_payload", false),
    /** A notEmpty or minItems assertion failed: the incident usercanary exists for. */
    EMPTY("empty", false),
    /** An equals or header assertion failed: wrong data, environment or database. */
    MISMATCH("mismatch", false),
    /** A bug in the canary itself, not production's fault. */
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
