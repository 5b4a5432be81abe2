package io.usercanary.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The offset of an account's first run within {@code schedule.jitter}: a hash of its name, so the same
 * account always lands on the same offset and a restart does not bunch every login into one second.
 */
public final class Jitter {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Jitter() {}

    /** In {@code [0, jitter)}, millisecond steps; zero when the jitter is zero. */
    public static Duration offset(String account, Duration jitter) {
        long span = jitter.toMillis();
        if (span <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.floorMod(mix(fnv1a(account)), span));
    }

    /** FNV-1a over the UTF-8 bytes: stable across JVMs and releases, unlike a salted or unspecified hash. */
    private static long fnv1a(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** Spreads names that differ only in their last character ("canary-1", "canary-2") across the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
