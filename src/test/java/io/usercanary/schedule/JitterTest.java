package io.usercanary.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JitterTest {
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void anAccountAlwaysGetsTheSameOffset() {
        assertEquals(Jitter.offset("legacy", TEN_SECONDS), Jitter.offset("legacy", TEN_SECONDS));
    }

    @Test
    void theOffsetIsPinnedSoEveryReleaseAndJvmAgrees() {
        // If this changes, every deployment's runs move: change it only on purpose.
        assertEquals(Duration.ofMillis(2066), Jitter.offset("legacy", TEN_SECONDS));
    }

    @Test
    void offsetsStayWithinTheJitter() {
        for (int i = 0; i < 1000; i++) {
            Duration offset = Jitter.offset("canary-" + i, Duration.ofMillis(1500));
            assertTrue(!offset.isNegative() && offset.compareTo(Duration.ofMillis(1500)) < 0, offset.toString());
        }
    }

    @Test
    void twentyAccountsNamedAlikeSpreadOverTheWindow() {
        Set<Long> seconds = new HashSet<>();
        IntStream.range(0, 20).forEach(i -> seconds.add(Jitter.offset("canary-" + i, TEN_SECONDS).toSeconds()));
        assertTrue(seconds.size() >= 7, "20 accounts fell into only " + seconds.size() + " of 10 seconds: " + seconds);
    }

    @Test
    void noJitterMeansNoOffset() {
        assertEquals(Duration.ZERO, Jitter.offset("legacy", Duration.ZERO));
    }
}
