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

    @ParameterizedTest(name = "{0} ms reads {1} in style {2}")
    @CsvSource({
        "1400, 1s, rounded", "1500, 2s, rounded", "231, 231ms, rounded",
        "259200000, 3d, largestUnit", "18000000, 5h, largestUnit", "720000, 12m, largestUnit",
        "12000, 12 s, spoken", "150000, 2 min, spoken", "162000000, 45 h, spoken", "259200000, 3 d, spoken",
        "2592000000, 30 d, bound", "94608000000, 3 y, bound", "43200000, 12 h, bound", "5400000, 1h30m, bound",
        "90000, 00:01:30, clock", "231900, 231900, millis",
    })
    void writesEachStyleTheOutputsUse(long millis, String text, String style) {
        Duration d = Duration.ofMillis(millis);
        String written = switch (style) {
            case "rounded" -> Durations.rounded(d);
            case "largestUnit" -> Durations.largestUnit(d);
            case "spoken" -> Durations.spoken(d);
            case "bound" -> Durations.bound(d);
            case "clock" -> Durations.clock(d);
            case "millis" -> Durations.millis(d);
            default -> throw new IllegalArgumentException(style);
        };
        assertEquals(text, written);
    }
}
