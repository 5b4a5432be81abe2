package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.CanaryRound;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.TestClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor's real flow against the demo target: the incident empties exactly the two middle cohorts. */
class DemoMonitorTest {
    @Test
    void incidentEmptiesTheMiddleCohortsAndRecoveryHealsThem() throws Exception {
        TestClock clock = new TestClock(java.time.Instant.now());
        try (DemoTarget target = DemoTarget.start(clock, TimelineOptions.of(Duration.ofSeconds(90), Duration.ofSeconds(300)), line -> { })) {
            CanaryConfig config = new ConfigLoader(target.environment()).parse(target.renderConfig(), "demo.yaml");
            FlowRunner runner = FlowRunner.create(config, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP), clock);

            assertEquals(Map.of("new", "ok", "recent", "ok", "established", "ok", "veteran", "ok"), outcomesByCohort(runner, config));

            clock.advance(Duration.ofSeconds(100));
            assertEquals(Map.of("new", "ok", "recent", "empty", "established", "empty", "veteran", "ok"),
                    outcomesByCohort(runner, config));

            Map<String, String> summaries = new LinkedHashMap<>();
            CanaryRound.runAll(runner, config.accounts(), 4).forEach(r -> summaries.put(r.cohort(), r.steps().stream()
                    .filter(s -> s.check().equals("org-summary")).findFirst().orElseThrow().outcome().label()));
            assertEquals(Map.of("new", "ok", "recent", "empty", "established", "empty", "veteran", "ok"), summaries,
                    "the captured organisation's zero totals are empty too");

            clock.advance(Duration.ofSeconds(220));
            assertEquals(Map.of("new", "ok", "recent", "ok", "established", "ok", "veteran", "ok"), outcomesByCohort(runner, config));
        }
    }

    private static Map<String, String> outcomesByCohort(FlowRunner runner, CanaryConfig config) {
        List<RunResult> results = CanaryRound.runAll(runner, config.accounts(), 4);
        Map<String, String> byCohort = new LinkedHashMap<>();
        results.forEach(r -> byCohort.put(r.cohort(), r.outcome().label()));
        return byCohort;
    }
}
