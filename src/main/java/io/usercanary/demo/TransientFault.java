package io.usercanary.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A single transient error: from {@code at} on, each account's next dashboard request fails once with HTTP 502,
 * then all is well again. What a canary must ride out without paging anyone. Thread-safe.
 */
public final class TransientFault {
    /** Never fails. */
    public static final TransientFault NONE = new TransientFault(null);

    private final Instant at;
    private final Set<String> struck = ConcurrentHashMap.newKeySet();

    private TransientFault(Instant at) {
        this.at = at;
    }

    /** One 502 per account, {@code after} the clock's now. */
    public static TransientFault after(Clock clock, Duration after) {
        return new TransientFault(clock.instant().plus(after));
    }

    /** True exactly once per account, on its first request at or after the fault's time. */
    boolean strikes(String accountId, Instant now) {
        return at != null && !now.isBefore(at) && struck.add(accountId);
    }
}
