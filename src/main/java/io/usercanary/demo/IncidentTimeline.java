package io.usercanary.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The demo's story as a function of the clock: healthy, then at {@code incidentAt} the backend is
 * redeployed with the wrong environment file and serves the half-cloned database, then at
 * {@code recoverAt} it is fixed. Whoever asks first after a change (a request, or the target's
 * ticker) has the listener told, once per phase and in order even if the clock jumped past
 * several. Thread-safe.
 */
public final class IncidentTimeline {

    /** The stretches of the story, in order. */
    public enum Phase {
        HEALTHY(DemoDatabase.PROD_MAIN),
        INCIDENT(DemoDatabase.HALF_CLONE),
        RECOVERED(DemoDatabase.PROD_MAIN);

        private final DemoDatabase database;

        Phase(DemoDatabase database) {
            this.database = database;
        }

        public DemoDatabase database() {
            return database;
        }
    }

    /** Told when a phase begins, with its scheduled offset from the start (not when it was noticed). */
    @FunctionalInterface
    public interface Listener {
        void entered(Phase phase, Duration at);
    }

    private final Clock clock;
    private final Instant startedAt;
    private final TimelineOptions options;
    private final Listener listener;
    private Phase announced = Phase.HEALTHY; // guarded by this

    /** Starts the story now, by {@code clock}. */
    public IncidentTimeline(Clock clock, TimelineOptions options, Listener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.startedAt = clock.instant();
    }

    /** The phase now; tells the listener about any phase begun since it was last told. */
    public Phase phase() {
        Phase now = phaseAt(elapsed());
        announceUpTo(now);
        return now;
    }

    /** The database the backend serves from now. */
    public DemoDatabase database() {
        return phase().database();
    }

    /** The phase {@code elapsed} after the start; no side effects. */
    public Phase phaseAt(Duration elapsed) {
        if (!options.incident() || elapsed.compareTo(options.incidentAt()) < 0) {
            return Phase.HEALTHY;
        }
        return elapsed.compareTo(options.recoverAt()) < 0 ? Phase.INCIDENT : Phase.RECOVERED;
    }

    public Duration elapsed() {
        return Duration.between(startedAt, clock.instant());
    }

    public Instant startedAt() {
        return startedAt;
    }

    public TimelineOptions options() {
        return options;
    }

    private synchronized void announceUpTo(Phase now) {
        while (announced.compareTo(now) < 0) {
            announced = Phase.values()[announced.ordinal() + 1];
            listener.entered(announced, announced == Phase.INCIDENT ? options.incidentAt() : options.recoverAt());
        }
    }
}
