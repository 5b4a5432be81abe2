package io.usercanary.probe;

/** A stand-in for a caught throwable in the log: its class, its redacted message and its stack, no causes (their messages are not redacted). */
final class RedactedThrowable extends RuntimeException {
    private RedactedThrowable(String message) {
        super(message, null, false, true);
    }

    static RedactedThrowable of(Throwable e, String redactedMessage) {
        RedactedThrowable stand = new RedactedThrowable(redactedMessage);
        stand.setStackTrace(e.getStackTrace());
        return stand;
    }
}
