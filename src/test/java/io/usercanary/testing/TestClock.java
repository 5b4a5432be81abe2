package io.usercanary.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it; shared safely between the test thread and server threads. */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static TestClock atNow() {
        return new TestClock(Instant.now());
    }

    /** At an ISO-8601 instant such as {@code 2026-03-02T12:00:00Z}. */
    public static TestClock startingAt(String instant) {
        return new TestClock(Instant.parse(instant));
    }

    public TestClock advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
