package io.usercanary.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether runs start on time: the lag of each run's start behind its scheduled fire
 * ({@code usercanary_schedule_lag_seconds}) and the fires that never became a run
 * ({@code usercanary_schedule_skipped_total}), each skip also logged, at most one line per account per interval.
 * Neither meter has an account label: the log line names the account. Thread-safe.
 */
public final class Punctuality {
    /** The lag histogram's buckets: on time, a busy machine, a saturated pool, a whole misfire threshold. */
    static final Duration[] LAG_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30)};
    private static final Logger LOG = LoggerFactory.getLogger(Punctuality.class);

    /** Fires skipped but not logged yet, and when the account's last line was written. */
    private record Pending(long fires, Instant lastLine) {}

    private final Counter skipped;
    private final Timer lag;
    private final Supplier<Duration> logEvery;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** Registers both meters on {@code registry}; a skip of one account is logged at most once per {@code logEvery}. */
    public Punctuality(MeterRegistry registry, Supplier<Duration> logEvery, Clock clock) {
        this.skipped = Counter.builder("usercanary.schedule.skipped")
                .description("Scheduled runs that never started: the flow pool was busy past the misfire threshold, "
                        + "or the account's previous run was still going")
                .register(registry);
        this.lag = Timer.builder("usercanary.schedule.lag")
                .description("How long after its scheduled time each run started")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        this.logEvery = logEvery;
        this.clock = clock;
    }

    /** A run started {@code lag} after its scheduled time (negative lags count as zero). */
    void started(Duration lag) {
        this.lag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** {@code fires} fires of {@code account} were skipped, because {@code why}; counted now, logged rate-limited. */
    void skipped(String account, long fires, String why) {
        if (fires <= 0) {
            return;
        }
        skipped.increment(fires);
        Instant now = clock.instant();
        Duration every = logEvery.get();
        long[] toLog = {0};
        pending.compute(account, (name, before) -> {
            long total = fires + (before == null ? 0 : before.fires());
            if (before != null && Duration.between(before.lastLine(), now).compareTo(every) < 0) {
                return new Pending(total, before.lastLine());
            }
            toLog[0] = total;
            return new Pending(0, now);
        });
        if (toLog[0] > 0) {
            LOG.atWarn().addKeyValue("account", account).addKeyValue("skipped", toLog[0])
                    .log("account {}: {} scheduled run{} skipped: {}", account, toLog[0], toLog[0] == 1 ? "" : "s", why);
        }
    }
}
