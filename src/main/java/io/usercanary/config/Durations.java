package io.usercanary.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as text, the one place for it: parsed Prometheus-style ({@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 24h}, {@code 30d}, {@code 2w}, {@code 1y}, {@code 1h30m}) and written in the few styles the outputs use:
 * {@link #format} (config, logs and messages, reads back), {@link #rounded} (measured times), {@link #largestUnit}
 * (seed's table), {@link #spoken}, {@link #age} and {@link #bound} (the status page), {@link #clock} (the demo's
 * story) and {@link #millis} (tables in ms).
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
    };
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long YEAR = 365 * DAY;

    /** The longest duration a config may hold: far beyond any sensible value, and safe as nanoseconds when added up. */
    public static final Duration MAX = Duration.ofDays(100 * 365);

    private Durations() {}

    /** Parses a duration; throws IllegalArgumentException with a message fit for a config error. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = FORMAT.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(
                    Checks.quoted(text) + " is not a duration; write it like 500ms, 10s, 5m, 24h or 30d");
        }
        long millis = 0;
        try {
            for (int i = 0; i < UNIT_MILLIS.length; i++) {
                String group = m.group(i + 1);
                if (group != null) {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            millis = Long.MAX_VALUE;
        }
        if (millis > MAX.toMillis()) {
            throw new IllegalArgumentException(Checks.quoted(text) + " is too long: a duration may be at most 100y");
        }
        return Duration.ofMillis(millis);
    }

    /** Text that {@link #parse} reads back to the same duration, in days at most: {@code 90s} → {@code 1m30s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < UNIT_MILLIS.length; i++) { // days at most: "400d" reads better than "1y5w"
            long count = millis / UNIT_MILLIS[i];
            if (count > 0) {
                out.append(count).append(UNITS[i]);
                millis -= count * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }

    /** A measured time, to the second from one second on: {@code 1.4 s} → {@code 1s}, else {@code 231ms}. */
    public static String rounded(Duration duration) {
        long millis = duration.toMillis();
        return millis >= 1000 ? Math.round(millis / 1000.0) + "s" : millis + "ms";
    }

    /** Whole days from one day on, else hours, else minutes, rounded down: {@code 3d}, {@code 5h}, {@code 12m}. */
    public static String largestUnit(Duration duration) {
        if (duration.toDays() >= 1) {
            return duration.toDays() + "d";
        }
        return duration.toHours() >= 1 ? duration.toHours() + "h" : duration.toMinutes() + "m";
    }

    /** A span as a person says it, rounded down to its largest unit: "12 s", "2 min", "5 h" (up to two days), "3 d". */
    public static String spoken(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s < MINUTE) {
            return s + " s";
        }
        if (s < HOUR) {
            return (s / MINUTE) + " min";
        }
        return s < 2 * DAY ? (s / HOUR) + " h" : (s / DAY) + " d";
    }

    /** An account's age: minutes, hours, days up to 60, months up to two years, then years: "3 d", "8 mo". */
    public static String age(Duration age) {
        long s = Math.max(0, age.getSeconds());
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
        return days < 730 ? Math.round(days * 12 / 365.0) + " mo" : (days / 365) + " y";
    }

    /** A configured bound in the unit it was likely written in: "30 d", "3 y", "12 h"; else as {@link #format}. */
    public static String bound(Duration duration) {
        long s = duration.getSeconds();
        if (duration.getNano() == 0 && s > 0) {
            for (long unit : new long[] {YEAR, DAY, HOUR}) {
                if (s % unit == 0) {
                    return (s / unit) + (unit == YEAR ? " y" : unit == DAY ? " d" : " h");
                }
            }
        }
        return format(duration);
    }

    /** A time since a start as a clock shows it: {@code 00:01:30}. */
    public static String clock(Duration sinceStart) {
        return String.format("%02d:%02d:%02d", sinceStart.toHours(), sinceStart.toMinutesPart(), sinceStart.toSecondsPart());
    }

    /** Whole milliseconds, rounded down, for a column headed "ms": {@code 231}. */
    public static String millis(Duration duration) {
        return String.valueOf(Math.max(0, duration.toMillis()));
    }
}
