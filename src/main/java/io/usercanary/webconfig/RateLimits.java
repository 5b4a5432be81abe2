package io.usercanary.webconfig;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code rate_limit}: {@code burst} and an {@code interval} in Go's duration syntax ({@code 1s}, {@code 100ms}, {@code 1m30s}). */
final class RateLimits {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private RateLimits() {}

    static Optional<WebConfig.RateLimit> from(WebConfigFile.RawRateLimit raw) throws WebConfigException {
        Duration interval = raw.interval() == null ? Duration.ZERO : duration(raw.interval());
        if (interval.isZero()) {
            return Optional.empty(); // the toolkit: no interval, no limiter
        }
        int burst = raw.burst() == null ? 0 : raw.burst();
        if (burst < 1) {
            throw new WebConfigException("rate_limit.burst: must be at least 1 when rate_limit.interval is set");
        }
        return Optional.of(new WebConfig.RateLimit(burst, interval));
    }

    private static Duration duration(String text) throws WebConfigException {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher part = PART.matcher(text);
        long nanos = 0;
        int at = 0;
        while (at < text.length() && part.find(at) && part.start() == at && text.length() <= 40) {
            double value = Double.parseDouble(part.group(1));
            long unit = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += (long) (value * unit);
            at = part.end();
        }
        if (at != text.length() || text.isEmpty() || nanos < 0) {
            throw new WebConfigException("rate_limit.interval: not a duration (like 1s or 100ms): " + text);
        }
        return Duration.ofNanos(nanos);
    }
}
