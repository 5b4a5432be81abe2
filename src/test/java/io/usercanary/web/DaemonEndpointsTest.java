package io.usercanary.web;

import static io.usercanary.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.usercanary.logging.JsonLayout;
import io.usercanary.metrics.PrometheusText;
import io.usercanary.probe.Outcome;
import io.usercanary.app.RunningDaemon;
import io.usercanary.schedule.FakeProbe;
import io.usercanary.testing.FakeProduction;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The daemon's endpoints over HTTP, against FakeProduction: the metric contract dashboards and alerts key on. */
class DaemonEndpointsTest {
    static final String FAST = "{ interval: 1s, jitter: 0s, timeout: 1s }";
    static final Set<String> ACCOUNT_COHORT = Set.of("environment", "location", "account", "cohort");

    /** Every usercanary name of the contract and the label keys of its series. */
    static final Map<String, Set<String>> CONTRACT = Map.ofEntries(
            Map.entry("usercanary_runs_total", plus(ACCOUNT_COHORT, "outcome")),
            Map.entry("usercanary_check_results_total", Set.of("environment", "location", "cohort", "check", "outcome")),
            Map.entry("usercanary_step_duration_seconds_bucket", Set.of("environment", "location", "step", "check", "le")),
            Map.entry("usercanary_step_duration_seconds_count", Set.of("environment", "location", "step", "check")),
            Map.entry("usercanary_step_duration_seconds_sum", Set.of("environment", "location", "step", "check")),
            Map.entry("usercanary_up", ACCOUNT_COHORT),
            Map.entry("usercanary_last_run_timestamp_seconds", ACCOUNT_COHORT),
            Map.entry("usercanary_last_success_timestamp_seconds", ACCOUNT_COHORT),
            Map.entry("usercanary_payload_items", Set.of("environment", "location", "account", "check", "pointer")),
            Map.entry("usercanary_account_age_seconds", ACCOUNT_COHORT),
            Map.entry("usercanary_firebase_errors_total", Set.of("environment", "location", "code")),
            Map.entry("usercanary_config_last_reload_successful", Set.of("environment", "location")),
            Map.entry("usercanary_config_last_reload_success_timestamp_seconds", Set.of("environment", "location")),
            Map.entry("usercanary_build_info", Set.of("environment", "location", "version")),
            Map.entry("usercanary_schedule_interval_seconds", Set.of("environment", "location")));

    static final List<String> JVM_AND_PROCESS = List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds",
            "jvm_classes_loaded_classes", "process_files_open_files");

    static final List<String> SECRETS = List.of(FakeProduction.ID_TOKEN, FakeProduction.REFRESH_TOKEN, FakeProduction.JWT,
            "SECRET-API-KEY-77d2", "SECRET-PASSWORD-1c9e");

    @TempDir
    Path dir;
    RunningDaemon running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    static Set<String> plus(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    void startAndAwaitReady(List<String> accounts) throws Exception {
        running = RunningDaemon.start(dir, accounts, FAST);
        await(Duration.ofSeconds(10), "/-/ready", () -> running.get("/-/ready").statusCode() == 200);
    }

    @Test
    void everyNameOfTheContractIsExportedWithItsLabelKeys() throws Exception {
        startAndAwaitReady(List.of("legacy", "fresh"));
        // The JVM and process binders are bound on a thread of their own once the endpoints answer.
        await(Duration.ofSeconds(10), "the JVM series", () -> running.scrape().named("process_files_open_files").size() > 0);
        PrometheusText scrape = running.scrape();
        for (Map.Entry<String, Set<String>> name : CONTRACT.entrySet()) {
            List<PrometheusText.Sample> samples = scrape.named(name.getKey());
            assertFalse(samples.isEmpty(), name.getKey() + " is missing");
            for (PrometheusText.Sample sample : samples) {
                assertEquals(name.getValue(), new TreeSet<>(sample.labels().keySet()), sample.toString());
            }
        }
        JVM_AND_PROCESS.forEach(name -> assertFalse(scrape.named(name).isEmpty(), name + " is missing"));
        assertEquals("counter", scrape.type("usercanary_runs_total").orElseThrow());
        assertEquals("histogram", scrape.type("usercanary_step_duration_seconds").orElseThrow());
        assertEquals("gauge", scrape.type("usercanary_up").orElseThrow());
    }

    @Test
    void everyFailureOutcomeIsAlreadyThereAtZeroWhileAllIsWell() throws Exception {
        startAndAwaitReady(List.of("legacy", "fresh"));
        PrometheusText scrape = running.scrape();
        for (String account : List.of("legacy", "fresh")) {
            for (Outcome outcome : Outcome.values()) {
                double runs = scrape.value("usercanary_runs_total", "account", account, "outcome", outcome.label()).orElseThrow(
                        () -> new AssertionError(account + " " + outcome.label() + " is not registered"));
                double checks = scrape.value("usercanary_check_results_total", "cohort", "established", "check", "overview",
                        "outcome", outcome.label()).orElseThrow();
                if (outcome != Outcome.OK) {
                    assertEquals(0.0, runs, account + " " + outcome.label());
                    assertEquals(0.0, checks, account + " " + outcome.label());
                }
            }
            assertEquals(1.0, scrape.value("usercanary_up", "account", account, "cohort", "established").orElseThrow());
        }
    }

    @Test
    void everyNameHasOneSetOfLabelKeysAcrossAllItsSeries() throws Exception {
        startAndAwaitReady(List.of("legacy", "fresh"));
        running.production.on(FakeProduction.DASHBOARD, FakeProduction.json(200, "{\"widgets\":[],\"profile\":{}}"));
        await(Duration.ofSeconds(5), "an empty run", () -> running.scrape()
                .value("usercanary_runs_total", "account", "legacy", "outcome", "empty").orElse(0.0) > 0);
        Map<String, Set<String>> keys = new HashMap<>();
        for (PrometheusText.Sample sample : running.scrape().samples()) {
            Set<String> these = new TreeSet<>(sample.labels().keySet());
            Set<String> first = keys.putIfAbsent(sample.name(), these);
            if (first != null) {
                assertEquals(first, these, sample.name());
            }
        }
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        startAndAwaitReady(List.of("legacy"));
        HttpResponse<String> response = running.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        PrometheusText scrape = PrometheusText.parse(response.body());
        assertEquals("counter", scrape.type("usercanary_runs").orElseThrow());
        assertEquals("info", scrape.type("usercanary_build").orElseThrow());
        assertTrue(scrape.value("usercanary_runs_total", "account", "legacy", "outcome", "ok").orElseThrow() >= 1);
        assertTrue(response.body().endsWith("# EOF\n"));
    }

    @Test
    void readyOnlyOnceEveryAccountHasRunAndHealthyAllAlong() throws Exception {
        FakeProbe prober = new FakeProbe().block("late");
        running = RunningDaemon.start(dir, List.of("early", "late"), FAST, options -> options.withProbes(config -> prober));
        await(Duration.ofSeconds(5), "early to run", () -> prober.count("early") >= 2);
        HttpResponse<String> notReady = running.get("/-/ready");
        assertEquals(503, notReady.statusCode());
        assertEquals("waiting for the first round: 1 of 2 accounts have not run yet\n", notReady.body());
        assertEquals(200, running.get("/-/healthy").statusCode());
        prober.release("late");
        await(Duration.ofSeconds(5), "/-/ready", () -> running.get("/-/ready").statusCode() == 200);
    }

    @Test
    void noSecretReachesTheLogsTheMetricsTheStatusPageOrAnyRunTrace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            startAndAwaitReady(List.of("legacy"));
            // A dashboard that echoes the session and the ID token back: the trace keeps the first 2 KB of it.
            running.production.on(FakeProduction.DASHBOARD, FakeProduction.json(200, "{\"widgets\":[],\"echo\":\""
                    + FakeProduction.JWT + "\",\"note\":\"" + FakeProduction.ID_TOKEN + "\"}"));
            await(Duration.ofSeconds(5), "an empty dashboard", () -> running.scrape()
                    .value("usercanary_runs_total", "account", "legacy", "outcome", "empty").orElse(0.0) > 0);
            // Failures echo what the backend said: the exchange answers with the JWT in an error body.
            running.production.on(FakeProduction.EXCHANGE,
                    FakeProduction.json(500, "{\"error\":\"boom\",\"token\":\"" + FakeProduction.JWT + "\"}"));
            await(Duration.ofSeconds(5), "an exchange failure", () -> running.scrape()
                    .value("usercanary_runs_total", "account", "legacy", "outcome", "exchange_failed").orElse(0.0) > 0);
            running.production.on(FakeProduction.SIGN_IN, FakeProduction.firebaseError(400, "INVALID_LOGIN_CREDENTIALS"));
            await(Duration.ofSeconds(5), "a login failure", () -> running.scrape()
                    .value("usercanary_runs_total", "account", "legacy", "outcome", "login_failed").orElse(0.0) > 0);
            String metrics = running.get("/metrics").body();
            StringBuilder pages = new StringBuilder(running.get("/").body());
            Matcher runLinks = Pattern.compile("/runs/(\\d+)").matcher(pages.toString());
            Set<String> runs = new TreeSet<>();
            while (runLinks.find()) {
                runs.add(runLinks.group());
            }
            for (String run : runs) {
                pages.append(running.get(run).body());
            }
            assertTrue(runs.size() >= 2, "the status page links the latest run and the last failure: " + runs);
            assertTrue(pages.toString().contains("exchange_failed") || pages.toString().contains("login_failed"),
                    "the pages show the failures");
            StringBuilder logged = new StringBuilder();
            synchronized (logs.list) {
                logs.list.forEach(event -> logged.append(JsonLayout.format(event)));
            }
            assertTrue(logged.toString().contains("\"outcome\":\"exchange_failed\""), "the run lines were captured");
            for (String secret : SECRETS) {
                assertFalse(metrics.contains(secret), "/metrics holds " + secret);
                assertFalse(pages.toString().contains(secret), "the status page or a run trace holds " + secret);
                assertFalse(logged.toString().contains(secret), "the log holds " + secret);
            }
        } finally {
            root.detachAppender(logs);
        }
    }
}
