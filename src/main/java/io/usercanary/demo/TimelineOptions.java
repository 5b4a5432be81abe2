package io.usercanary.demo;

import io.usercanary.config.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * When the demo's incident starts and ends, counted from the start of the demo.
 *
 * @param incidentAt when the backend is redeployed onto the half-cloned database
 * @param recoverAt when it is redeployed onto the right one; after {@code incidentAt}
 * @param incident false to keep the backend healthy throughout
 */
public record TimelineOptions(Duration incidentAt, Duration recoverAt, boolean incident) {
    public static final Duration DEFAULT_INCIDENT_AT = Duration.ofSeconds(90);
    public static final Duration DEFAULT_RECOVER_AT = Duration.ofSeconds(300);

    public TimelineOptions {
        Objects.requireNonNull(incidentAt, "incidentAt");
        Objects.requireNonNull(recoverAt, "recoverAt");
        if (incidentAt.isNegative()) {
            throw new IllegalArgumentException("incidentAt must not be negative, got " + Durations.format(incidentAt));
        }
        if (recoverAt.compareTo(incidentAt) <= 0) {
            throw new IllegalArgumentException("recoverAt (" + Durations.format(recoverAt)
                    + ") must come after incidentAt (" + Durations.format(incidentAt) + ")");
        }
    }

    /** Incident at 90 s, recovery at 300 s. */
    public static TimelineOptions defaults() {
        return of(DEFAULT_INCIDENT_AT, DEFAULT_RECOVER_AT);
    }

    public static TimelineOptions of(Duration incidentAt, Duration recoverAt) {
        return new TimelineOptions(incidentAt, recoverAt, true);
    }

    /** Healthy throughout (the default times are kept only for display). */
    public static TimelineOptions noIncident() {
        return new TimelineOptions(DEFAULT_INCIDENT_AT, DEFAULT_RECOVER_AT, false);
    }
}
