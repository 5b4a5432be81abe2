package io.usercanary.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A single transient error: from {@code at} on, each account's next dashboard request fails once with HTTP 502,
 * then all is well again; or a restart: the first dashboard request at or after {@code at} finds the backend
 * restarting, and every dashboard request in the {@code outage} that follows fails with 502. What a canary must
 * ride out without paging anyone. Thread-safe.
 */
public final class TransientFault {
    /** Never fails. */
    public static final TransientFault NONE = new TransientFault(null, null);

    private final Instant at;
    private final Duration outage;
    private final Set<String> struck = ConcurrentHashMap.newKeySet();
    private Instant restartedAt; // guarded by this

    private TransientFault(Instant at, Duration outage) {
        this.at = at;
        this.outage = outage;
    }

    /** One 502 per account, {@code after} the clock's now. */
    public static TransientFault after(Clock clock, Duration after) {
        return new TransientFault(clock.instant().plus(after), null);
    }

    /** A restart {@code after} the clock's now, lasting {@code outage} from the first request it meets. */
    public static TransientFault restart(Clock clock, Duration after, Duration outage) {
        return new TransientFault(clock.instant().plus(after), outage);
    }

    /** True exactly once per account, on its first request at or after the fault's time; for a restart, during it. */
    boolean strikes(String accountId, Instant now) {
        if (at == null || now.isBefore(at)) {
            return false;
        }
        if (outage == null) {
            return struck.add(accountId);
        }
        synchronized (this) {
            if (restartedAt == null) {
                restartedAt = now;
            }
            return now.isBefore(restartedAt.plus(outage));
        }
    }
}
