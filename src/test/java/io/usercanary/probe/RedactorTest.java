package io.usercanary.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.Secret;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
    @Test
    void knownSecretsAreReplacedWhereverTheyAppear() {
        Redactor redactor = new Redactor().add(Secret.of("hunter2")).add("jwt-value");
        assertEquals("pw=‹redacted› token=‹redacted›", redactor.redact("pw=hunter2 token=jwt-value"));
    }

    @Test
    void anythingShapedLikeAJwtIsReplacedEvenWhenUnknown() {
        assertEquals("Bearer ‹redacted›", new Redactor().redact("Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl"));
    }

    @Test
    void jsonValuesUnderSecretSoundingKeysAreReplaced() {
        String body = "{\"refreshToken\":\"r-1\",\"user\":{\"password\":\"p\\\"q\"},\"apiKey\":\"k\",\"name\":\"keep\"}";
        assertEquals("{\"refreshToken\":\"‹redacted›\",\"user\":{\"password\":\"‹redacted›\"},\"apiKey\":\"‹redacted›\",\"name\":\"keep\"}",
                new Redactor().redact(body));
    }

    @Test
    void aShortSecretIsReplacedOnlyAsAWholeToken() {
        Redactor redactor = new Redactor().add(Secret.of("k")).add("abc");
        assertEquals("unknown host, key=‹redacted›, {\"password\":\"‹redacted›\"} abcd", redactor.redact("unknown host, key=k, {\"password\":\"abc\"} abcd"));
    }

    @Test
    void theFirstSegmentOfAJwtAloneIsReplaced() {
        assertEquals("‹redacted› maintenance", new Redactor().redact("eyJhbGciOiJIUzI1NiJ9 maintenance"));
    }

    @Test
    void aSecretValueLeftOpenByACutIsRedactedToTheEnd() {
        assertEquals("{\"session\":\"‹redacted›", new Redactor().redact("{\"session\":\"abc-def-never-closed"));
    }

    @Test
    void anExcerptCutInsideARegisteredSecretShowsNoPieceOfIt() {
        Redactor redactor = new Redactor().add("opaque-session-value-123456");
        String excerpt = redactor.excerpt("x".repeat(10) + "opaque-session-value-123456", 24, false);
        assertFalse(excerpt.contains("opaque"), excerpt);
        String cut = redactor.excerpt("before opaque-sess", 100, true);
        assertEquals("before ‹redacted›…", cut);
    }

    @Test
    void anExcerptIsBoundedWhateverTheInput() {
        String excerpt = new Redactor().excerpt("a".repeat(1_000_000), 2048);
        assertEquals(2048, excerpt.length());
        assertTrue(excerpt.endsWith("…"));
    }

    /** Inputs that made the old regular expressions backtrack or overflow the stack. */
    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("a long string under a token key", (Function<Integer, String>) n -> "{\"token\":\"" + "x".repeat(n) + "\"}"),
                Arguments.of("escapes under a session key", (Function<Integer, String>) n -> "{\"session\":\"" + "\\\"".repeat(n / 2) + "\"}"),
                Arguments.of("quotes and colons", (Function<Integer, String>) n -> "\":\"token".repeat(n / 8)),
                Arguments.of("eyJ runs", (Function<Integer, String>) n -> "eyJ.".repeat(n / 4)),
                Arguments.of("near misses of a registered secret", (Function<Integer, String>) n -> "secret-secret-secret-".repeat(n / 21)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void redactionTimeGrowsLinearlyWithTheInput(String name, Function<Integer, String> input) {
        Redactor redactor = new Redactor().add("secret-secret-secret-x").add("hunter2");
        String small = input.apply(1 << 20);
        String large = input.apply(8 << 20);
        for (int i = 0; i < 3; i++) { // warm up
            redactor.redact(small);
            redactor.redact(large);
        }
        long smallNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        for (int i = 0; i < 7; i++) { // interleaved, so both sizes see the same load on a shared machine
            smallNanos = Math.min(smallNanos, cpuNanos(redactor, small));
            largeNanos = Math.min(largeNanos, cpuNanos(redactor, large));
        }
        // Linear is about 8 times; a generous factor for a shared, noisy machine, far below quadratic (64 times).
        assertTrue(largeNanos < 20 * smallNanos, name + ": 8 MB took " + largeNanos / 1_000_000 + " ms of CPU, 1 MB "
                + smallNanos / 1_000_000 + " ms");
    }

    /** CPU time of this thread, not wall time: other processes on the machine do not count. */
    private static long cpuNanos(Redactor redactor, String text) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        redactor.redact(text);
        return threads.getCurrentThreadCpuTime() - start;
    }
}
