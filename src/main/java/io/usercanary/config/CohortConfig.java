package io.usercanary.config;

import java.time.Duration;

/** An age bracket: an account belongs to the first cohort whose {@code maxAge} it does not exceed. */
public record CohortConfig(String name, Duration maxAge) {
    public CohortConfig {
        Checks.label("name", name);
    }
}
