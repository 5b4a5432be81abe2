package io.usercanary.probe;

/** A stand-in for a caught throwable in the log: its class, its redacted message and its stack, no causes (their messages are not redacted). */
public final class RedactedThrowable extends RuntimeException {
    private RedactedThrowable(String message) {
        super(message, null, false, true);
    }

    /** The class and stack of {@code e} without any message: for a place that has no redactor. */
    public static RedactedThrowable withoutMessage(Throwable e) {
        return of(e, e.getClass().getName() + " (message withheld: it may hold a secret)");
    }

    static RedactedThrowable of(Throwable e, String redactedMessage) {
        RedactedThrowable stand = new RedactedThrowable(redactedMessage);
        stand.setStackTrace(e.getStackTrace());
        return stand;
    }
}
