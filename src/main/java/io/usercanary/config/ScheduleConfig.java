package io.usercanary.config;

import java.time.Duration;

/**
 * How often each account runs, how its first run is offset, how long one flow may take, how many run at once,
 * and how soon a first failure is confirmed by running the account again ({@code 0s}: never).
 */
public record ScheduleConfig(Duration interval, Duration jitter, Duration timeout, Integer threads, Duration confirmAfter) {
    /** The default confirmation delay, when it is shorter than half the interval (declared before DEFAULT uses it). */
    public static final Duration DEFAULT_CONFIRM_AFTER = Duration.ofSeconds(3);
    /** 15 s: a delivered page within 90 s of a bad deploy needs it (the arithmetic is in dashboards/alerts.yml). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    private static final Duration MAX_DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The longest interval: an account checked less often than daily cannot page in time. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    public static final ScheduleConfig DEFAULT = new ScheduleConfig(null, null, null, null, null);

    public ScheduleConfig {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        jitter = jitter == null ? Duration.ofSeconds(10) : jitter;
        timeout = timeout == null ? (interval.compareTo(MAX_DEFAULT_TIMEOUT) < 0 ? interval : MAX_DEFAULT_TIMEOUT) : timeout;
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigException("interval", "must be at least 1s");
        }
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidConfigException("interval", "must be at most 24h: an account checked less often cannot page in time");
        }
        if (jitter.compareTo(interval) > 0) {
            throw new InvalidConfigException("jitter", "must not be longer than the interval (" + Durations.format(interval) + ")");
        }
        if (timeout.isZero()) {
            throw new InvalidConfigException("timeout", "must be longer than 0s");
        }
        if (timeout.compareTo(interval) > 0) {
            throw new InvalidConfigException("timeout", "must not be longer than the interval (" + Durations.format(interval)
                    + "): a flow that outlives its interval would skip its next run");
        }
        if (confirmAfter == null) {
            confirmAfter = DEFAULT_CONFIRM_AFTER.multipliedBy(2).compareTo(interval) <= 0 ? DEFAULT_CONFIRM_AFTER : Duration.ZERO;
        } else if (!confirmAfter.isZero() && confirmAfter.compareTo(interval) >= 0) {
            throw new InvalidConfigException("confirmAfter", "must be shorter than the interval (" + Durations.format(interval)
                    + "), or 0s to confirm nothing");
        } else if (!confirmAfter.isZero() && confirmAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigException("confirmAfter", "must be at least 1s (sooner would retry the same blip), or 0s to confirm nothing");
        }
        if (threads != null && (threads < 1 || threads > 256)) {
            throw new InvalidConfigException("threads", "must be between 1 and 256");
        }
    }

    /**
     * Threads for running flows: the configured number, else enough for every flow started within one jitter
     * window to hang for the whole timeout (accounts × timeout / jitter), at most one per account and 256.
     */
    public int threadsFor(int accounts) {
        long hanging = jitter.isZero() ? accounts : (accounts * timeout.toMillis() + jitter.toMillis() - 1) / jitter.toMillis();
        return threads != null ? threads : (int) Math.max(1, Math.min(Math.min(accounts, 256), hanging));
    }
}
