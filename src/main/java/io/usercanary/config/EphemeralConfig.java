package io.usercanary.config;

import java.time.Duration;

/** An account that is deleted and created again once older than {@code maxAge}, so the newest cohort is always covered. */
public record EphemeralConfig(Duration maxAge) {
    public EphemeralConfig {
        Checks.required("maxAge", maxAge);
        if (maxAge.isZero()) {
            throw new InvalidConfigException("maxAge", "must be longer than 0s");
        }
    }
}
