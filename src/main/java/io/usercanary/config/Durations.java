package io.usercanary.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 30d}, {@code 2w}, {@code 1y}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
    };

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
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < UNIT_MILLIS.length; i++) { // days at most: "400d" reads better than "1y5w"
            long count = millis / UNIT_MILLIS[i];
            if (count > 0) {
                out.append(count).append(units[i]);
                millis -= count * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }
}
