package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransientFaultTest {
    @Test
    void eachAccountFailsExactlyOnceFromTheFaultsTimeOn() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TransientFault fault = TransientFault.after(clock, Duration.ofSeconds(5));
        assertFalse(fault.strikes("a", clock.instant()), "not before its time");
        clock.advance(Duration.ofSeconds(5));
        assertTrue(fault.strikes("a", clock.instant()));
        assertFalse(fault.strikes("a", clock.instant()), "once per account");
        assertTrue(fault.strikes("b", clock.instant().plusSeconds(60)), "every account meets it once, whenever it comes");
    }

    @Test
    void noFaultNeverStrikes() {
        assertFalse(TransientFault.NONE.strikes("a", Instant.MAX));
    }
}
