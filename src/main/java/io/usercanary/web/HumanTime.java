package io.usercanary.web;

import io.usercanary.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Ages and elapsed times the way a person says them: "3 d", "8 mo", "2 min ago". */
final class HumanTime {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private HumanTime() {}

    /** An account's age: minutes, hours, days up to 60, months up to two years, then years. */
    static String age(Optional<Long> seconds) {
        if (seconds.isEmpty()) {
            return "–";
        }
        long s = Math.max(0, seconds.get());
        if (s < HOUR) {
            return (s / MINUTE) + " min";
        }
        if (s < DAY) {
            return (s / HOUR) + " h";
        }
        long days = s / DAY;
        if (days < 60) {
            return days + " d";
        }
        if (days < 730) {
            return Math.round(days * 12 / 365.0) + " mo";
        }
        return (days / 365) + " y";
    }

    /** A configured age bound in the unit it was likely written in: "30 d", "3 y", "12 h"; else like the config. */
    static String span(Duration duration) {
        long s = duration.getSeconds();
        if (duration.getNano() == 0 && s > 0 && s % (365 * DAY) == 0) {
            return (s / (365 * DAY)) + " y";
        }
        if (duration.getNano() == 0 && s > 0 && s % DAY == 0) {
            return (s / DAY) + " d";
        }
        if (duration.getNano() == 0 && s > 0 && s % HOUR == 0) {
            return (s / HOUR) + " h";
        }
        return Durations.format(duration);
    }

    /** How long before {@code now}: "12 s ago", "2 min ago", "5 h ago", "3 d ago"; "never" when empty. */
    static String ago(Optional<Instant> then, Instant now) {
        if (then.isEmpty()) {
            return "never";
        }
        Duration elapsed = Duration.between(then.get(), now);
        return elapsed.getSeconds() < 1 ? "just now" : elapsed(elapsed) + " ago";
    }

    /** A span of time, rounded down to its largest unit: "12 s", "2 min", "5 h" (up to two days), "3 d". */
    static String elapsed(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s < MINUTE) {
            return s + " s";
        }
        if (s < HOUR) {
            return (s / MINUTE) + " min";
        }
        if (s < 2 * DAY) {
            return (s / HOUR) + " h";
        }
        return (s / DAY) + " d";
    }

    /** Milliseconds, rounded down: "231 ms" in tables is just "231". */
    static String millis(Duration duration) {
        return String.valueOf(Math.max(0, duration.toMillis()));
    }
}
