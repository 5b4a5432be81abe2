package io.usercanary.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a value until it satisfies a condition or a deadline passes. A probe that throws (a server not
 * up yet) counts as not yet; the failure names what was awaited and the last value or error seen.
 */
public final class Eventually {
    private static final long POLL_MILLIS = 250;

    private Eventually() {}

    /** The first value of {@code probe} that {@code done} accepts, before {@code deadlineNanos} of {@link System#nanoTime()}. */
    public static <T> T until(long deadlineNanos, String what, Supplier<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        Object last = "nothing yet";
        while (true) {
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
                last = value;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds, failing after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
