package io.usercanary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.check.PayloadMeasurement;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In a cluster every replica's gauges show the account's latest run, whoever ran it; counters stay each replica's own. */
class LatestOfOtherReplicasTest {
    static final Instant T0 = RunMetricsTest.T0;
    static final PayloadMeasurement SEVEN = new PayloadMeasurement("overview", "/widgets", 7);

    // The same registry, config and runs as RunMetricsTest's.
    final RunMetricsTest fixture = new RunMetricsTest();
    final CanaryMetrics metrics = fixture.metrics;

    @AfterEach
    void close() {
        metrics.close();
    }

    PrometheusText scrape() {
        return fixture.scrape();
    }

    RunResult run(String account, String cohort, Outcome outcome, Instant at, List<PayloadMeasurement> payload,
                  Optional<String> firebaseError) {
        return fixture.run(account, cohort, outcome, at, payload, firebaseError);
    }

    RunResult run(String account, String cohort, Outcome outcome) {
        return fixture.run(account, cohort, outcome);
    }

    @Test
    void aRunAnotherReplicaDidMovesEveryGaugeAndCountsNothing() {
        Instant later = T0.plusSeconds(60);
        metrics.onRun(run("fixed", "veteran", Outcome.OK, T0, List.of(), Optional.empty()));
        metrics.showLatest(run("fixed", "veteran", Outcome.EMPTY, later, List.of(SEVEN), Optional.of("USER_DISABLED")));
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(0.0), scrape.value("usercanary_up", "account", "fixed"));
        assertEquals(Optional.of(later.plusMillis(250).toEpochMilli() / 1000.0),
                scrape.value("usercanary_last_run_timestamp_seconds", "account", "fixed"));
        assertEquals(Optional.of(T0.plusMillis(250).toEpochMilli() / 1000.0),
                scrape.value("usercanary_last_success_timestamp_seconds", "account", "fixed"));
        assertEquals(Optional.of(86_400.0), scrape.value("usercanary_account_age_seconds", "account", "fixed"));
        assertEquals(Optional.of(7.0), scrape.value("usercanary_payload_items", "account", "fixed", "pointer", "/widgets"));
        assertEquals(Optional.of(1.0), scrape.value("usercanary_consecutive_failures", "account", "fixed", "outcome", "empty"));
        assertEquals(Optional.of(0.0), scrape.value("usercanary_runs_total", "account", "fixed", "outcome", "empty"),
                "the other replica counted its run");
        assertEquals(Optional.of(1.0), scrape.value("usercanary_runs_total", "account", "fixed", "outcome", "ok"));
        assertEquals(Optional.of(0.0), scrape.value("usercanary_check_results_total", "cohort", "veteran", "outcome", "empty"));
        assertEquals(Optional.of(1.0), scrape.value("usercanary_step_duration_seconds_count", "step", "check", "check", "overview"));
        assertEquals(Optional.of(0.0), scrape.value("usercanary_firebase_errors_total", "code", "USER_DISABLED"));
    }

    @Test
    void aStreakRunByTwoReplicasCountsEveryRunOfIt() {
        metrics.onRun(run("fixed", "veteran", Outcome.EMPTY, T0, List.of(), Optional.empty()));
        metrics.showLatest(run("fixed", "veteran", Outcome.EMPTY, T0.plusSeconds(10), List.of(), Optional.empty()));
        assertEquals(Optional.of(2.0), scrape().value("usercanary_consecutive_failures", "account", "fixed", "outcome", "empty"),
                "a failure this replica saw, confirmed by another replica's run, pages like one confirmed here");
        metrics.showLatest(run("fixed", "veteran", Outcome.OK, T0.plusSeconds(70), List.of(), Optional.empty()));
        assertEquals(List.of(), scrape().find("usercanary_consecutive_failures", "account", "fixed"));
        assertEquals(Optional.of(1.0), scrape().value("usercanary_up", "account", "fixed"));
    }

    @Test
    void aRunOlderThanTheOneShownChangesNothing() {
        Instant later = T0.plusSeconds(60);
        metrics.onRun(run("fixed", "veteran", Outcome.OK, later, List.of(), Optional.empty()));
        metrics.showLatest(run("fixed", "veteran", Outcome.EMPTY, T0, List.of(SEVEN), Optional.empty()));
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(1.0), scrape.value("usercanary_up", "account", "fixed"));
        assertEquals(Optional.of(later.plusMillis(250).toEpochMilli() / 1000.0),
                scrape.value("usercanary_last_run_timestamp_seconds", "account", "fixed"));
        assertEquals(List.of(), scrape.find("usercanary_payload_items", "account", "fixed"));
        assertEquals(List.of(), scrape.find("usercanary_consecutive_failures", "account", "fixed"));
    }

    @Test
    void aRunOfADerivedCohortRegistersTheAccountsSeriesAtZero() {
        metrics.showLatest(run("derived", "recent", Outcome.OK));
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(1.0), scrape.value("usercanary_up", "account", "derived", "cohort", "recent"));
        assertEquals(Optional.of(0.0), scrape.value("usercanary_runs_total", "account", "derived", "cohort", "recent", "outcome", "ok"));
    }

    @Test
    void aRunOfAnAccountThisReplicasConfigDoesNotHaveShowsNothing() {
        metrics.showLatest(run("ghost", "new", Outcome.OK));
        assertEquals(List.of(), scrape().find("usercanary_up", "account", "ghost"));
    }
}
