package io.usercanary.http;

/** A call that produced no usable response; {@code kind} decides the outcome, the message is secret-free. */
public final class HttpFailure extends Exception {
    /** Why there is no usable response. */
    public enum Kind {
        /** The deadline or a socket timeout ran out. */
        TIMEOUT,
        /** Refused, DNS, TLS, reset: no response at all. */
        NETWORK,
        /** The body ended before its announced length, or the connection broke while reading it. */
        TRUNCATED,
        /** The body is larger than the cap and was not read whole. */
        TOO_LARGE
    }

    private final Kind kind;

    public HttpFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
