package io.usercanary.web;

import io.usercanary.webconfig.WebConfig;

/** The web config's {@code rate_limit}: a token bucket of {@code burst}, one token per {@code interval}. Thread-safe. */
final class RequestRate {
    private final double burst;
    private final double perNano;
    private double tokens;
    private long refilledAt = System.nanoTime();

    RequestRate(WebConfig.RateLimit limit) {
        this.burst = limit.burst();
        this.perNano = 1.0 / limit.interval().toNanos();
        this.tokens = burst;
    }

    synchronized boolean allow() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
