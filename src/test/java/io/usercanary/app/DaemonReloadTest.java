package io.usercanary.app;

import static io.usercanary.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.metrics.PrometheusText;
import io.usercanary.testing.FakeProduction;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /-/reload against a config file the test rewrites. SIGHUP calls the same reload (see RunCommandTest). */
class DaemonReloadTest {
    static final String FAST = "{ interval: 1s, jitter: 0s, timeout: 1s }";

    @TempDir
    Path dir;
    RunningDaemon running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    double okRuns(String account) {
        return running.scrape().value("usercanary_runs_total", "account", account, "outcome", "ok").orElse(0.0);
    }

    @Test
    void anAddedAccountStartsRunningAndTheNewIntervalIsInForce() throws Exception {
        running = RunningDaemon.start(dir, List.of("first"), FAST);
        await(Duration.ofSeconds(5), "first to run", () -> okRuns("first") >= 1);
        running.writeConfig(List.of("first", "second"), "{ interval: 2s, jitter: 0s, timeout: 1s }");
        HttpResponse<String> response = running.post("/-/reload");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("reloaded " + running.configFile + ": accounts 2, checks 1, interval 2s\n", response.body());
        await(Duration.ofSeconds(5), "second to run", () -> okRuns("second") >= 1);
        PrometheusText scrape = running.scrape();
        assertEquals(2.0, scrape.value("usercanary_schedule_interval_seconds").orElseThrow());
        assertEquals(1.0, scrape.value("usercanary_config_last_reload_successful").orElseThrow());
        assertEquals(2, running.daemon.config().accounts().size());
        double before = okRuns("first");
        Thread.sleep(4500);
        double during = okRuns("first") - before;
        assertTrue(during >= 1 && during <= 3, "at 2 s, 4.5 s hold 2 runs (give or take one), not " + during);
    }

    @Test
    void aRemovedAccountStopsRunningAndLosesItsSeries() throws Exception {
        running = RunningDaemon.start(dir, List.of("kept", "gone"), FAST);
        await(Duration.ofSeconds(5), "both to run", () -> okRuns("kept") >= 1 && okRuns("gone") >= 1);
        running.writeConfig(List.of("kept"), FAST);
        assertEquals(200, running.post("/-/reload").statusCode());
        Thread.sleep(1500);
        PrometheusText scrape = running.scrape();
        assertEquals(List.of(), scrape.samples().stream().filter(s -> "gone".equals(s.label("account"))).toList());
        assertTrue(scrape.value("usercanary_up", "account", "kept").isPresent());
    }

    @Test
    void anInvalidConfigIsRefusedWithItsErrorLineAndTheDaemonKeepsProbing() throws Exception {
        running = RunningDaemon.start(dir, List.of("steady"), FAST);
        await(Duration.ofSeconds(5), "steady to run", () -> okRuns("steady") >= 1);
        String good = Files.readString(running.configFile);
        Files.writeString(running.configFile, good.replace("interval: 1s", "interval: 0s"));
        HttpResponse<String> response = running.post("/-/reload");
        assertEquals(400, response.statusCode());
        String line = response.body();
        assertTrue(line.startsWith(running.configFile + ":") && line.contains("interval") && line.contains("at least 1s"), line);
        assertEquals(1, line.split("\n").length, "one line: " + line);
        assertFalse(line.contains("SECRET"), line);
        assertEquals(0.0, running.scrape().value("usercanary_config_last_reload_successful").orElseThrow());
        double before = okRuns("steady");
        await(Duration.ofSeconds(5), "steady to keep running", () -> okRuns("steady") >= before + 2);
        assertEquals(1.0, running.scrape().value("usercanary_schedule_interval_seconds").orElseThrow(), "the old schedule goes on");
        Files.writeString(running.configFile, good);
        assertEquals(200, running.post("/-/reload").statusCode());
        assertEquals(1.0, running.scrape().value("usercanary_config_last_reload_successful").orElseThrow());
    }

    @Test
    void aDaemonStartedWithoutAFileRefusesToReload() throws Exception {
        running = RunningDaemon.start(dir, List.of("memory"), FAST, options -> options.withConfigFile(null));
        HttpResponse<String> response = running.post("/-/reload");
        assertEquals(400, response.statusCode());
        assertEquals("no config file to reload from\n", response.body());
    }

    @Test
    void aDerivedCohortSurvivesAReloadSoAFailedLoginKeepsItsLabel() throws Exception {
        running = RunningDaemon.start(dir, List.of("aged"), FAST);
        await(Duration.ofSeconds(5), "aged to run", () -> okRuns("aged") >= 1);
        assertEquals(200, running.post("/-/reload").statusCode());
        running.production.on(FakeProduction.SIGN_IN, FakeProduction.firebaseError(400, "INVALID_LOGIN_CREDENTIALS"));
        await(Duration.ofSeconds(5), "a failed login", () -> running.scrape()
                .value("usercanary_runs_total", "account", "aged", "outcome", "login_failed").orElse(0.0) > 0);
        PrometheusText scrape = running.scrape();
        assertTrue(scrape.value("usercanary_runs_total", "account", "aged", "cohort", "established",
                "outcome", "login_failed").orElseThrow() >= 1, "the failed login is counted under the remembered cohort");
        assertEquals(List.of(), scrape.find("usercanary_runs_total", "cohort", "unknown"));
    }
}
