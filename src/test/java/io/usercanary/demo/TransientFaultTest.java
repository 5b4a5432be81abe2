package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransientFaultTest {
    @Test
    void eachAccountFailsExactlyOnceFromTheFaultsTimeOn() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        TransientFault fault = TransientFault.after(clock, Duration.ofSeconds(5));
        assertFalse(fault.strikes("a", clock.instant()), "not before its time");
        clock.advance(Duration.ofSeconds(5));
        assertTrue(fault.strikes("a", clock.instant()));
        assertFalse(fault.strikes("a", clock.instant()), "once per account");
        assertTrue(fault.strikes("b", clock.instant().plusSeconds(60)), "every account meets it once, whenever it comes");
    }

    @Test
    void aRestartFailsEveryRequestInTheSecondAfterTheFirstOneItMeets() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        TransientFault restart = TransientFault.restart(clock, Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertFalse(restart.strikes("a", clock.instant().plusSeconds(4)), "not before its time");
        Instant first = clock.instant().plusSeconds(7);
        assertTrue(restart.strikes("a", first), "the first request after its time starts the restart");
        assertTrue(restart.strikes("a", first.plusMillis(500)), "and every request during it fails");
        assertTrue(restart.strikes("b", first.plusMillis(999)));
        assertFalse(restart.strikes("b", first.plusSeconds(1)), "back after a second");
        assertFalse(restart.strikes("a", first.plusSeconds(60)));
    }

    @Test
    void noFaultNeverStrikes() {
        assertFalse(TransientFault.NONE.strikes("a", Instant.MAX));
    }
}
