package io.usercanary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanTimeTest {
    @ParameterizedTest(name = "{0} s old reads \"{1}\"")
    @CsvSource({
        "0, 0 min",
        "1800, 30 min",
        "7200, 2 h",
        "259200, 3 d",
        "5097600, 59 d",
        "20736000, 8 mo",
        "62208000, 24 mo",
        "94608000, 3 y",
    })
    void accountAgesReadAsAPersonSaysThem(long seconds, String expected) {
        assertEquals(expected, HumanTime.age(Optional.of(seconds)));
    }

    @ParameterizedTest(name = "{0} s before now reads \"{1}\"")
    @CsvSource({
        "0, just now",
        "12, 12 s ago",
        "150, 2 min ago",
        "7200, 2 h ago",
        "259200, 3 d ago",
    })
    void elapsedTimesReadAsAPersonSaysThem(long seconds, String expected) {
        Instant now = WebFixtures.NOW;
        assertEquals(expected, HumanTime.ago(Optional.of(now.minusSeconds(seconds)), now));
    }

    @Test
    void unknownAgeAndNoSuccessHaveTheirOwnWords() {
        assertEquals("–", HumanTime.age(Optional.empty()));
        assertEquals("never", HumanTime.ago(Optional.empty(), WebFixtures.NOW));
    }
}
