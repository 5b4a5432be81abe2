package io.usercanary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import io.usercanary.schedule.DaemonConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
    static final String SCHEDULE = "{ interval: 60s, jitter: 0s, timeout: 5s }";
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    CanaryMetrics metrics = metricsFor(List.of("derived", "fixed"));
    long ids;

    @AfterEach
    void close() {
        metrics.close();
    }

    static CanaryConfig config(List<String> accounts) {
        // "fixed" has its cohort in the config; every other account's cohort comes from its age.
        return DaemonConfigs.parse(DaemonConfigs.yaml("127.0.0.1:9", accounts, SCHEDULE)
                .replace("  - name: fixed\n", "  - name: fixed\n    cohort: veteran\n"));
    }

    static CanaryMetrics metricsFor(List<String> accounts) {
        return CanaryMetrics.create(config(accounts), "1.2.3", Clock.fixed(T0, ZoneOffset.UTC), Map.of());
    }

    PrometheusText scrape() {
        return PrometheusText.parse(metrics.registry().scrape());
    }

    RunResult run(String account, String cohort, Outcome outcome, Instant at, List<PayloadMeasurement> payload,
                  Optional<String> firebaseError) {
        List<StepResult> steps = new ArrayList<>();
        steps.add(step(Step.LOGIN, "", outcome == Outcome.LOGIN_FAILED ? outcome : Outcome.OK));
        if (outcome != Outcome.LOGIN_FAILED) {
            steps.add(step(Step.LOOKUP, "", Outcome.OK));
            steps.add(step(Step.EXCHANGE, "", Outcome.OK));
            steps.add(step(Step.CHECK, "overview", outcome));
        }
        return new RunResult(++ids, account, cohort, outcome == Outcome.LOGIN_FAILED ? Optional.empty() : Optional.of(86_400L),
                at, Duration.ofMillis(250), outcome, "", steps, payload, firebaseError, "password");
    }

    RunResult run(String account, String cohort, Outcome outcome) {
        return run(account, cohort, outcome, T0, List.of(), Optional.empty());
    }

    static StepResult step(Step step, String check, Outcome outcome) {
        return new StepResult(step, check, outcome, "", Duration.ofMillis(40), 200, List.of(), List.of());
    }

    @Nested
    class PreRegistration {
        @Test
        void everyOutcomeOfAnAccountWithAConfiguredCohortIsAtZeroBeforeAnyRun() {
            PrometheusText scrape = scrape();
            for (Outcome outcome : Outcome.values()) {
                assertEquals(Optional.of(0.0), scrape.value("usercanary_runs_total",
                        "account", "fixed", "cohort", "veteran", "outcome", outcome.label()), outcome.label());
                assertEquals(Optional.of(0.0), scrape.value("usercanary_check_results_total",
                        "cohort", "veteran", "check", "overview", "outcome", outcome.label()), outcome.label());
            }
        }

        @Test
        void aDerivedCohortIsRegisteredWithTheFirstRunAndEveryOtherOutcomeAtZero() {
            assertEquals(List.of(), scrape().find("usercanary_runs_total", "account", "derived"), "unknown before a lookup");
            metrics.onRun(run("derived", "established", Outcome.OK));
            PrometheusText scrape = scrape();
            assertEquals(Outcome.values().length, scrape.find("usercanary_runs_total", "account", "derived").size());
            assertEquals(Optional.of(1.0), scrape.value("usercanary_runs_total", "account", "derived", "outcome", "ok"));
            assertEquals(Optional.of(0.0), scrape.value("usercanary_runs_total", "account", "derived", "outcome", "empty"));
        }

        @Test
        void everyFirebaseErrorCodeIsAtZeroAndUndocumentedCodesCountAsOther() {
            assertEquals(Optional.of(0.0), scrape().value("usercanary_firebase_errors_total", "code", "USER_DISABLED"));
            metrics.onRun(run("fixed", "veteran", Outcome.LOGIN_FAILED, T0, List.of(), Optional.of("SOMETHING_NEW")));
            metrics.onRun(run("fixed", "veteran", Outcome.LOGIN_FAILED, T0, List.of(), Optional.of("USER_DISABLED")));
            PrometheusText scrape = scrape();
            assertEquals(Optional.of(1.0), scrape.value("usercanary_firebase_errors_total", "code", "other"));
            assertEquals(Optional.of(1.0), scrape.value("usercanary_firebase_errors_total", "code", "USER_DISABLED"));
            assertEquals(List.of(), scrape.find("usercanary_firebase_errors_total", "code", "SOMETHING_NEW"));
        }

        @Test
        void stepDurationsAreHistogramsWithBucketsFrom5MillisecondsTo30Seconds() {
            PrometheusText scrape = scrape();
            Set<String> bounds = scrape.find("usercanary_step_duration_seconds_bucket", "step", "login").stream()
                    .map(s -> s.label("le")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
                    "5.0", "10.0", "30.0", "+Inf")), bounds);
            for (String step : List.of("login", "lookup", "exchange")) {
                assertEquals(Optional.of(0.0), scrape.value("usercanary_step_duration_seconds_count", "step", step, "check", ""));
            }
            assertEquals(Optional.of(0.0), scrape.value("usercanary_step_duration_seconds_count", "step", "check", "check", "overview"));
        }
    }

    @Nested
    class Runs {
        @Test
        void runsAndCheckResultsAreCountedByOutcome() {
            metrics.onRun(run("fixed", "veteran", Outcome.OK));
            metrics.onRun(run("fixed", "veteran", Outcome.EMPTY));
            metrics.onRun(run("fixed", "veteran", Outcome.EMPTY));
            PrometheusText scrape = scrape();
            assertEquals(Optional.of(2.0), scrape.value("usercanary_runs_total", "account", "fixed", "outcome", "empty"));
            assertEquals(Optional.of(2.0), scrape.value("usercanary_check_results_total", "cohort", "veteran", "outcome", "empty"));
            assertEquals(Optional.of(3.0), scrape.value("usercanary_step_duration_seconds_count", "step", "check", "check", "overview"));
            assertEquals(Optional.of(3.0), scrape.value("usercanary_step_duration_seconds_bucket", "step", "login", "le", "0.05"));
        }

        @Test
        void upLastRunAndLastSuccessFollowTheLatestRun() {
            metrics.onRun(run("fixed", "veteran", Outcome.OK, T0, List.of(), Optional.empty()));
            assertEquals(Optional.of(1.0), scrape().value("usercanary_up", "account", "fixed"));
            Instant later = T0.plusSeconds(60);
            metrics.onRun(run("fixed", "veteran", Outcome.EMPTY, later, List.of(), Optional.empty()));
            PrometheusText scrape = scrape();
            assertEquals(Optional.of(0.0), scrape.value("usercanary_up", "account", "fixed", "cohort", "veteran"));
            assertEquals(Optional.of(later.plusMillis(250).toEpochMilli() / 1000.0),
                    scrape.value("usercanary_last_run_timestamp_seconds", "account", "fixed"));
            assertEquals(Optional.of(T0.plusMillis(250).toEpochMilli() / 1000.0),
                    scrape.value("usercanary_last_success_timestamp_seconds", "account", "fixed"));
            assertEquals(Optional.of(86_400.0), scrape.value("usercanary_account_age_seconds", "account", "fixed"));
        }

        @Test
        void gaugesAppearOnlyOnceTheyHaveAValue() {
            metrics.onRun(run("fixed", "veteran", Outcome.LOGIN_FAILED));
            PrometheusText scrape = scrape();
            assertEquals(Optional.of(0.0), scrape.value("usercanary_up", "account", "fixed"));
            assertEquals(List.of(), scrape.find("usercanary_last_success_timestamp_seconds", "account", "fixed"));
            assertEquals(List.of(), scrape.find("usercanary_account_age_seconds", "account", "fixed"));
        }

        @Test
        void whenTheDerivedCohortChangesTheGaugesMoveAndTheCountersStay() {
            metrics.onRun(run("derived", "new", Outcome.OK));
            metrics.onRun(run("derived", "recent", Outcome.EMPTY));
            PrometheusText scrape = scrape();
            assertEquals(List.of(), scrape.find("usercanary_up", "account", "derived", "cohort", "new"));
            assertEquals(Optional.of(0.0), scrape.value("usercanary_up", "account", "derived", "cohort", "recent"));
            assertTrue(scrape.value("usercanary_last_success_timestamp_seconds", "account", "derived", "cohort", "recent").isPresent(),
                    "the last success carries over to the new cohort");
            assertEquals(Optional.of(1.0), scrape.value("usercanary_runs_total", "account", "derived", "cohort", "new", "outcome", "ok"));
            assertEquals(Optional.of(0.0), scrape.value("usercanary_runs_total", "account", "derived", "cohort", "recent", "outcome", "ok"));
        }

        @Test
        void payloadItemsShowTheLastMeasuredResponseOfEachCheck() {
            PayloadMeasurement three = new PayloadMeasurement("overview", "/widgets", 3);
            metrics.onRun(run("fixed", "veteran", Outcome.OK, T0, List.of(three), Optional.empty()));
            assertEquals(Optional.of(3.0), scrape().value("usercanary_payload_items", "account", "fixed", "check", "overview", "pointer", "/widgets"));
            metrics.onRun(run("fixed", "veteran", Outcome.LOGIN_FAILED));
            assertEquals(Optional.of(3.0), scrape().value("usercanary_payload_items", "account", "fixed", "pointer", "/widgets"),
                    "a run that got no response keeps the last measured value");
            metrics.onRun(run("fixed", "veteran", Outcome.EMPTY, T0, List.of(new PayloadMeasurement("overview", "/widgets", 0)), Optional.empty()));
            assertEquals(Optional.of(0.0), scrape().value("usercanary_payload_items", "account", "fixed", "pointer", "/widgets"));
        }

        @Test
        void runsOfManyAccountsOnManyThreadsAreEachCountedOnce() throws Exception {
            List<String> accounts = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "a" + i).toList();
            metrics.close();
            metrics = metricsFor(accounts);
            List<Thread> threads = new ArrayList<>();
            for (String account : accounts) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        metrics.onRun(run(account, "established", i % 5 == 0 ? Outcome.EMPTY : Outcome.OK));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            PrometheusText scrape = scrape();
            for (String account : accounts) {
                assertEquals(Optional.of(400.0), scrape.value("usercanary_runs_total", "account", account, "outcome", "ok"), account);
                assertEquals(Optional.of(100.0), scrape.value("usercanary_runs_total", "account", account, "outcome", "empty"), account);
            }
            assertEquals(Optional.of(1600.0), scrape.value("usercanary_check_results_total", "cohort", "established", "check", "overview", "outcome", "empty"));
            assertEquals(Optional.of(8000.0), scrape.value("usercanary_step_duration_seconds_count", "step", "login", "check", ""));
        }

        @Test
        void aRunOfAnAccountNoLongerConfiguredIsNotCounted() {
            metrics.onRun(run("ghost", "new", Outcome.OK));
            assertEquals(List.of(), scrape().find("usercanary_runs_total", "account", "ghost"));
        }
    }

    @Nested
    class Reconfiguration {
        @Test
        void aRemovedAccountLosesEverySeries() {
            metrics.onRun(run("derived", "established", Outcome.OK, T0,
                    List.of(new PayloadMeasurement("overview", "/widgets", 3)), Optional.empty()));
            metrics.configApplied(config(List.of("fixed")), Map.of());
            PrometheusText scrape = scrape();
            assertEquals(List.of(), scrape.samples().stream().filter(s -> "derived".equals(s.label("account"))).toList());
            assertTrue(scrape.value("usercanary_runs_total", "account", "fixed", "outcome", "ok").isPresent());
        }

        @Test
        void anAddedAccountIsPreRegisteredWithItsRememberedCohort() {
            metrics.configApplied(config(List.of("fixed", "derived", "newcomer")), Map.of("newcomer", "recent"));
            assertEquals(Optional.of(0.0), scrape().value("usercanary_runs_total", "account", "newcomer", "cohort", "recent", "outcome", "ok"));
        }

        @Test
        void theReloadGaugesTellWhetherTheLastReloadWasRefused() {
            assertEquals(Optional.of(1.0), scrape().value("usercanary_config_last_reload_successful"));
            assertEquals(Optional.of(T0.getEpochSecond() * 1.0), scrape().value("usercanary_config_last_reload_success_timestamp_seconds"));
            metrics.reloadRefused();
            assertEquals(Optional.of(0.0), scrape().value("usercanary_config_last_reload_successful"));
            metrics.configApplied(config(List.of("fixed")), Map.of());
            assertEquals(Optional.of(1.0), scrape().value("usercanary_config_last_reload_successful"));
        }

        @Test
        void buildInfoAndTheIntervalAreExported() {
            PrometheusText scrape = scrape();
            assertEquals(Optional.of(1.0), scrape.value("usercanary_build_info", "version", "1.2.3"));
            assertEquals(Optional.of(60.0), scrape.value("usercanary_schedule_interval_seconds"));
        }

        @Test
        void aMeterWithDifferentTagKeysThrowsInsteadOfVanishing() {
            assertThrows(IllegalArgumentException.class,
                    () -> Counter.builder("usercanary.runs").tag("account", "x").register(metrics.registry()));
        }
    }

    @Test
    void everySeriesCarriesTheCommonTags() {
        metrics.onRun(run("derived", "established", Outcome.OK));
        for (PrometheusText.Sample sample : scrape().samples()) {
            assertEquals("test", sample.label("environment"), sample.toString());
            assertEquals("lab", sample.label("location"), sample.toString());
        }
    }
}
