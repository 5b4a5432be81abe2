package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.usercanary.demo.IncidentTimeline.Phase;
import io.usercanary.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IncidentTimelineTest {
    private final TestClock clock = TestClock.startingAt("2026-11-02T09:00:00Z");
    private final List<String> told = new ArrayList<>();
    private final IncidentTimeline.Listener recorder = (phase, at) -> told.add(phase + "@" + at.toSeconds());

    @Nested
    class WithTheDefaultIncident {
        private final IncidentTimeline timeline = new IncidentTimeline(clock, TimelineOptions.defaults(), recorder);

        @Test
        void servesProductionUntilTheIncident() {
            clock.advance(Duration.ofSeconds(89));
            assertEquals(Phase.HEALTHY, timeline.phase());
            assertEquals(DemoDatabase.PROD_MAIN, timeline.database());
            assertEquals(List.of(), told);
        }

        @Test
        void servesTheHalfCloneFromIncidentAtUntilRecoverAt() {
            clock.advance(Duration.ofSeconds(90));
            assertEquals(DemoDatabase.HALF_CLONE, timeline.database());
            clock.advance(Duration.ofSeconds(209));
            assertEquals(DemoDatabase.HALF_CLONE, timeline.database());
            assertEquals(List.of("INCIDENT@90"), told);
        }

        @Test
        void servesProductionAgainFromRecoverAt() {
            clock.advance(Duration.ofSeconds(100));
            timeline.phase();
            clock.advance(Duration.ofSeconds(200));
            assertEquals(Phase.RECOVERED, timeline.phase());
            assertEquals(DemoDatabase.PROD_MAIN, timeline.database());
            assertEquals(List.of("INCIDENT@90", "RECOVERED@300"), told);
        }

        @Test
        void jumpingPastBothChangesStillTellsEachOnceInOrder() {
            clock.advance(Duration.ofHours(1));
            timeline.phase();
            timeline.phase();
            assertEquals(List.of("INCIDENT@90", "RECOVERED@300"), told);
        }

        @Test
        void phaseAtHasNoSideEffects() {
            assertEquals(Phase.INCIDENT, timeline.phaseAt(Duration.ofSeconds(120)));
            assertEquals(List.of(), told);
        }
    }

    @Test
    void noIncidentStaysHealthyForever() {
        IncidentTimeline timeline = new IncidentTimeline(clock, TimelineOptions.noIncident(), recorder);
        clock.advance(Duration.ofSeconds(120));
        assertEquals(Phase.HEALTHY, timeline.phase());
        clock.advance(Duration.ofDays(1));
        assertEquals(Phase.HEALTHY, timeline.phase());
        assertEquals(List.of(), told);
    }

    @Test
    void customTimesAreHonoured() {
        IncidentTimeline timeline = new IncidentTimeline(clock,
                TimelineOptions.of(Duration.ofSeconds(5), Duration.ofSeconds(8)), recorder);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Phase.INCIDENT, timeline.phase());
        clock.advance(Duration.ofSeconds(3));
        assertEquals(Phase.RECOVERED, timeline.phase());
    }

    @Test
    void recoveryBeforeTheIncidentIsRejectedInTheOptionsOwnWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimelineOptions.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));
        assertEquals("recoverAt (30s) must come after incidentAt (1m)", e.getMessage());
    }
}
