package io.usercanary.http;

import java.time.Duration;

/** The instant by which a whole flow must be done; every call gets only what is left of it. */
public final class Deadline {
    private final long deadlineNanos;
    private final Duration budget;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    public static Deadline in(Duration budget) {
        return new Deadline(budget);
    }

    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** The whole budget the flow was given, for messages like "flow timeout of 30s". */
    public Duration budget() {
        return budget;
    }
}
