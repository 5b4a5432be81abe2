package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"500ms, 500", "10s, 10000", "5m, 300000", "24h, 86400000", "30d, 2592000000", "2w, 1209600000",
        "1y, 31536000000", "100y, 3153600000000", "1h30m, 5400000", "1m30s, 90000", "0s, 0"})
    void parsesPrometheusStyleDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "60", "", "1.5s", "s", "10S", "-1s", "1s1h"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest(name = "{0} is too long")
    @ValueSource(strings = {"101y", "293y", "290000000y", "99999999999999999999s", "5300w"})
    void durationsBeyondAHundredYearsAreRefusedWithoutOverflow(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is too long: a duration may be at most 100y", e.getMessage());
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource({"90000, 1m30s", "2592000000, 30d", "1500, 1s500ms", "0, 0s"})
    void formatsBackToText(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }
}
