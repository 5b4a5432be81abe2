package io.usercanary.seed;

import java.time.Duration;
import java.time.Instant;

/**
 * What seed found and did for one account. {@code uid}, {@code created}, {@code age} and {@code cohort} are
 * null when unknown (a dry run's account to be created, a lookup that failed).
 */
public record SeedRow(String account, String uid, Instant created, Duration age, String cohort, Action action, String detail) {
    /** What happened to the account, or would have in a dry run. */
    public enum Action { CREATED, RECREATED, UPDATED, UNCHANGED, FAILED }

    public SeedRow {
        detail = detail == null ? "" : detail;
    }

    public boolean failed() {
        return action == Action.FAILED;
    }

    public boolean changed() {
        return action == Action.CREATED || action == Action.RECREATED || action == Action.UPDATED;
    }
}
