package io.usercanary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.Meter;
import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The series alert notifications are built from: failure streaks, cohort age bounds, the status page link, payload items. */
class PagingMetricsTest {
    CanaryMetrics metrics = RunMetricsTest.metricsFor(List.of("derived", "fixed"));
    long ids;

    @AfterEach
    void close() {
        metrics.close();
    }

    PrometheusText scrape() {
        return PrometheusText.parse(metrics.registry().scrape());
    }

    RunResult run(Outcome outcome, String assertion, List<PayloadMeasurement> payload) {
        List<AssertionResult> assertions = assertion == null ? List.of()
                : List.of(new AssertionResult("status 200", true, "got 200"), new AssertionResult(assertion, false, "0 items"));
        StepResult check = new StepResult(Step.CHECK, "overview", outcome, "", Duration.ofMillis(40), 200, List.of(), assertions);
        return new RunResult(++ids, "fixed", "veteran", Optional.of(86_400L), RunMetricsTest.T0, Duration.ofMillis(250),
                outcome, "", List.of(RunMetricsTest.step(Step.LOGIN, "", Outcome.OK), check), payload, Optional.empty(), "password");
    }

    RunResult run(Outcome outcome) {
        return run(outcome, outcome == Outcome.EMPTY ? "notEmpty /widgets" : null, List.of());
    }

    @Nested
    class ConsecutiveFailures {
        @Test
        void aFirstFailureShowsOneAndItsConfirmationTwoWithTheFirstFailedAssertion() {
            metrics.onRun(run(Outcome.EMPTY));
            assertEquals(Optional.of(1.0), scrape().value("usercanary_consecutive_failures", "account", "fixed", "outcome", "empty"));
            metrics.onRun(run(Outcome.EMPTY));
            List<PrometheusText.Sample> streak = scrape().find("usercanary_consecutive_failures", "account", "fixed");
            assertEquals(1, streak.size(), streak.toString());
            assertEquals(2.0, streak.get(0).value());
            assertEquals(Map.of("account", "fixed", "cohort", "veteran", "outcome", "empty", "check", "overview",
                    "assertion", "notEmpty /widgets", "environment", "test", "location", "lab"), streak.get(0).labels());
        }

        @Test
        void aPassingRunEndsTheStreakAndItsSeries() {
            metrics.onRun(run(Outcome.EMPTY));
            metrics.onRun(run(Outcome.OK));
            assertEquals(List.of(), scrape().find("usercanary_consecutive_failures", "account", "fixed"));
            metrics.onRun(run(Outcome.EMPTY));
            assertEquals(Optional.of(1.0), scrape().value("usercanary_consecutive_failures", "account", "fixed"),
                    "one failure after a pass starts again at 1: a transient never reaches 2");
        }

        @Test
        void anotherFailingOutcomeStartsItsOwnStreak() {
            metrics.onRun(run(Outcome.EMPTY));
            metrics.onRun(run(Outcome.EMPTY));
            metrics.onRun(run(Outcome.HTTP_ERROR));
            List<PrometheusText.Sample> streak = scrape().find("usercanary_consecutive_failures", "account", "fixed");
            assertEquals(1, streak.size(), streak.toString());
            assertEquals("http_error", streak.get(0).label("outcome"));
            assertEquals("", streak.get(0).label("assertion"));
            assertEquals(1.0, streak.get(0).value());
        }

        @Test
        void aRemovedAccountLosesItsStreak() {
            metrics.onRun(run(Outcome.EMPTY));
            metrics.configApplied(RunMetricsTest.config(List.of("derived")), Map.of());
            assertEquals(List.of(), scrape().find("usercanary_consecutive_failures"));
        }
    }

    @Nested
    class PayloadItems {
        @Test
        void eachPointerIsRegisteredOnceAndItsValueFollowsEveryRun() {
            metrics.onRun(run(Outcome.OK, null, List.of(new PayloadMeasurement("overview", "/widgets", 3))));
            Meter first = payloadMeter();
            long meters = usercanaryMeters();
            for (long items = 4; items < 50; items++) {
                metrics.onRun(run(Outcome.OK, null, List.of(new PayloadMeasurement("overview", "/widgets", items))));
                assertEquals(Optional.of((double) items), scrape().value("usercanary_payload_items", "pointer", "/widgets"));
            }
            assertSame(first, payloadMeter(), "updated in place, not registered again");
            assertEquals(meters, usercanaryMeters());
        }

        @Test
        void aPointerMissingFromTheChecksNextMeasuredResponseGoesAway() {
            metrics.onRun(run(Outcome.OK, null, List.of(new PayloadMeasurement("overview", "/widgets", 3),
                    new PayloadMeasurement("overview", "/profile", 1))));
            metrics.onRun(run(Outcome.OK, null, List.of(new PayloadMeasurement("overview", "/widgets", 2))));
            assertEquals(List.of(), scrape().find("usercanary_payload_items", "pointer", "/profile"));
            assertEquals(Optional.of(2.0), scrape().value("usercanary_payload_items", "pointer", "/widgets"));
        }

        @Test
        void aRemovedAccountLosesItsPayloadItems() {
            metrics.onRun(run(Outcome.OK, null, List.of(new PayloadMeasurement("overview", "/widgets", 3))));
            metrics.configApplied(RunMetricsTest.config(List.of("derived")), Map.of());
            assertEquals(List.of(), scrape().find("usercanary_payload_items"));
        }

        private long usercanaryMeters() {
            // the JVM binders register GC meters whenever a collector first runs: only ours count
            return metrics.registry().getMeters().stream().filter(m -> m.getId().getName().startsWith("usercanary.")).count();
        }

        private Meter payloadMeter() {
            return metrics.registry().getMeters().stream()
                    .filter(m -> m.getId().getName().equals(PayloadGauges.NAME)).findFirst().orElseThrow();
        }
    }

    @Test
    void everyConfiguredCohortExportsItsAgeBounds() {
        // the test config has the default cohorts: new up to 30d, recent up to 180d, established beyond
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(0.0), scrape.value("usercanary_cohort_min_age_seconds", "cohort", "new"));
        assertEquals(Optional.of(30 * 86_400.0), scrape.value("usercanary_cohort_max_age_seconds", "cohort", "new"));
        assertEquals(Optional.of(30 * 86_400.0), scrape.value("usercanary_cohort_min_age_seconds", "cohort", "recent"));
        assertEquals(Optional.of(180 * 86_400.0), scrape.value("usercanary_cohort_max_age_seconds", "cohort", "recent"));
        assertEquals(Optional.of(Double.POSITIVE_INFINITY), scrape.value("usercanary_cohort_max_age_seconds", "cohort", "established"));
        assertEquals(3, scrape.find("usercanary_cohort_max_age_seconds").size());
    }

    @Test
    void theStatusPageUrlIsOneInfoSeries() {
        metrics.statusPage(URI.create("https://canary.example.com/"));
        assertEquals(Optional.of(1.0), scrape().value("usercanary_status_page_info", "url", "https://canary.example.com/"));
        assertEquals(1, scrape().find("usercanary_status_page_info").size());
    }
}
