package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.demo.IncidentTimeline.Phase;
import io.usercanary.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineNarratorTest {
    private final TestClock clock = TestClock.startingAt("2026-11-02T09:00:00Z");
    private final DemoAccounts accounts = DemoAccounts.seed(clock.instant(), new SecureRandom());
    private final List<String> lines = new ArrayList<>();
    private final TimelineNarrator narrator = new TimelineNarrator(accounts, clock.instant(), lines::add);

    @Test
    void incidentLineNamesTheDatabaseAndTheAccountsThatGoEmpty() {
        narrator.entered(Phase.INCIDENT, Duration.ofSeconds(90));
        assertEquals(List.of("demo: 00:01:30 backend redeployed with the wrong environment file: now serving"
                + " the half-cloned database prod-main-clone (accounts 2 months and 8 months old will see"
                + " empty dashboards)"), lines);
    }

    @Test
    void recoveryLineSaysProductionIsBack() {
        narrator.entered(Phase.RECOVERED, Duration.ofSeconds(300));
        assertEquals(List.of("demo: 00:05:00 backend redeployed with the right environment file: serving"
                + " prod-main again (every account sees its data)"), lines);
    }

    @Test
    void openingLineAnnouncesThePlan() {
        narrator.started(TimelineOptions.defaults());
        narrator.started(TimelineOptions.noIncident());
        assertTrue(lines.get(0).contains("at 00:01:30 it will be redeployed with the wrong environment file"), lines.get(0));
        assertTrue(lines.get(1).endsWith("no incident scheduled"), lines.get(1));
    }

    @Test
    void drivenByATimelineItTellsTheWholeStory() {
        IncidentTimeline timeline = new IncidentTimeline(clock, TimelineOptions.defaults(), narrator);
        clock.advance(Duration.ofMinutes(2));
        timeline.phase();
        clock.advance(Duration.ofMinutes(4));
        timeline.phase();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("demo: 00:01:30 "));
        assertTrue(lines.get(1).startsWith("demo: 00:05:00 "));
    }
}
