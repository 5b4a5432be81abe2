package io.usercanary.app;

import static io.usercanary.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.TestClock;
import io.usercanary.metrics.PrometheusText;
import io.usercanary.schedule.FakeProbe;
import io.usercanary.schedule.QuartzProperties;
import io.usercanary.store.AccountHistory;
import io.usercanary.testing.FakeProduction;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload keeps each remaining account's state (tokens, throttle backoff, confirmation, failing state),
 * drops that of removed accounts, and is applied entirely or not at all.
 */
class ReloadKeepsAccountStateTest {
    static final String FAST = "{ interval: 1s, jitter: 0s, timeout: 1s }";
    static final String REFRESH = "/securetoken.googleapis.com/v1/token";
    static final UnaryOperator<String> REUSE_TOKENS = yaml -> yaml.replace("  emulatorHost:", "  reuseTokens: true\n  emulatorHost:");

    @TempDir
    java.nio.file.Path dir;
    RunningDaemon running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** Over every cohort: a first run that times out on a busy machine is counted under {@code unknown}. */
    double runs(String account, String outcome) {
        return running.scrape().find("usercanary_runs_total", "account", account, "outcome", outcome).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    void reload() {
        HttpResponse<String> response = running.post("/-/reload");
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void withReuseTokensTheRunsAfterAReloadRefreshInsteadOfSigningInWithThePassword() throws Exception {
        TestClock clock = TestClock.atNow();
        running = RunningDaemon.start(dir, List.of("first"), FAST, options -> options.withClock(clock), REUSE_TOKENS);
        running.production.on(REFRESH, FakeProduction.json(200, "{\"id_token\":\"" + FakeProduction.ID_TOKEN
                + "\",\"refresh_token\":\"SECRET-REFRESH-2\",\"expires_in\":\"3600\",\"user_id\":\"uid-1\"}"));
        await(Duration.ofSeconds(5), "two runs", () -> runs("first", "ok") >= 2);
        assertEquals(1, running.production.signIns("first@example.com"));

        running.writeConfig(List.of("first", "second"), FAST);
        reload();
        double before = runs("first", "ok");
        await(Duration.ofSeconds(5), "runs after the reload", () -> runs("first", "ok") >= before + 2);
        clock.advance(Duration.ofMinutes(56));
        await(Duration.ofSeconds(5), "a refresh near expiry", () -> running.production.calls(REFRESH) >= 1);
        assertEquals(1, running.production.signIns("first@example.com"), "no password sign-in after the reload");
        assertEquals("refresh-or-cached", loginPathKind(running.daemon.history().history("first")));
    }

    @Test
    void changedFirebaseSettingsOfAnAccountDropItsTokens() throws Exception {
        running = RunningDaemon.start(dir, List.of("first", "second"), FAST, UnaryOperator.identity(), REUSE_TOKENS);
        await(Duration.ofSeconds(5), "runs of both", () -> runs("first", "ok") >= 2 && runs("second", "ok") >= 2);
        assertEquals(1, running.production.signIns("first@example.com"));

        java.nio.file.Files.writeString(running.configFile, java.nio.file.Files.readString(running.configFile)
                .replaceFirst("password: SECRET-PASSWORD-1c9e", "password: SECRET-PASSWORD-rotated"));
        reload();
        await(Duration.ofSeconds(5), "a new sign-in with the new password", () -> running.production.signIns("first@example.com") == 2);
        double before = runs("second", "ok");
        await(Duration.ofSeconds(5), "second to run on", () -> runs("second", "ok") >= before + 2);
        assertEquals(1, running.production.signIns("second@example.com"), "an unchanged account keeps its tokens");
    }

    @Test
    void aRemovedAndReAddedAccountSignsInAfresh() throws Exception {
        running = RunningDaemon.start(dir, List.of("first", "second"), FAST, UnaryOperator.identity(), REUSE_TOKENS);
        await(Duration.ofSeconds(5), "runs of both", () -> runs("first", "ok") >= 1 && runs("second", "ok") >= 1);
        running.writeConfig(List.of("second"), FAST);
        reload();
        assertFalse(running.daemon.states().cohorts().containsKey("first"));
        running.writeConfig(List.of("first", "second"), FAST);
        reload();
        await(Duration.ofSeconds(5), "first signing in again", () -> running.production.signIns("first@example.com") == 2);
        assertEquals(1, running.production.signIns("second@example.com"));
    }

    @Test
    void aReloadDuringThrottlingSendsNoSignInUntilTheBackoffEnds() throws Exception {
        running = RunningDaemon.start(dir, List.of("first"), FAST);
        running.production.on(FakeProduction.SIGN_IN, FakeProduction.firebaseError(400, "TOO_MANY_ATTEMPTS_TRY_LATER"));
        await(Duration.ofSeconds(5), "a throttled run", () -> runs("first", "login_failed") >= 1);
        int signIns = running.production.signIns("first@example.com");

        running.writeConfig(List.of("first", "second"), "{ interval: 1s, jitter: 0s, timeout: 900ms }");
        reload();
        double before = runs("first", "login_failed");
        await(Duration.ofSeconds(6), "three runs after the reload", () -> runs("first", "login_failed") >= before + 3);
        assertEquals(signIns, running.production.signIns("first@example.com"), "no sign-in while backing off, reload or not");
        String detail = running.daemon.history().history("first").latest().orElseThrow().detail();
        assertTrue(detail.startsWith("backing off after TOO_MANY_ATTEMPTS_TRY_LATER until "), detail);
    }

    @Test
    void aKeptAccountKeepsItsPendingConfirmationAcrossAReload() throws Exception {
        FakeProbe prober = new FakeProbe().before("flaky", n -> {
            if (n == 1) {
                throw new IllegalStateException("down once");
            }
        });
        String schedule = "{ interval: 30s, jitter: 0s, timeout: 1s, confirmAfter: 2s, threads: 2 }";
        running = RunningDaemon.start(dir, List.of("flaky"), schedule, options -> options.withProbes(config -> prober));
        await(Duration.ofSeconds(3), "the first, failing run", () -> prober.count("flaky") == 1);
        await(Duration.ofSeconds(2), "its confirmation scheduled", () -> pending("flaky") == 1);

        running.writeConfig(List.of("flaky", "other"), schedule);
        reload();
        assertEquals(1, pending("flaky"), "the confirmation run is still due");
        await(Duration.ofSeconds(5), "the confirmation run", () -> prober.count("flaky") == 2);
        long gapMillis = (prober.calls("flaky").get(1).startNanos() - prober.calls("flaky").get(0).startNanos()) / 1_000_000;
        assertTrue(gapMillis >= 1500 && gapMillis <= 3500, "confirmed " + gapMillis + " ms after the failure");
    }

    @Test
    void aSchedulerHandOverKeepsThePendingConfirmations() throws Exception {
        FakeProbe prober = new FakeProbe().before("flaky", n -> {
            if (n == 1) {
                throw new IllegalStateException("down once");
            }
        });
        running = RunningDaemon.start(dir, List.of("flaky"), "{ interval: 30s, jitter: 0s, timeout: 1s, confirmAfter: 10s }",
                options -> options.withProbes(config -> prober));
        await(Duration.ofSeconds(3), "its confirmation scheduled", () -> pending("flaky") == 1);
        Instant due = running.daemon.scheduler().pendingConfirmations("flaky").get(0);

        running.writeConfig(List.of("flaky"), "{ interval: 30s, jitter: 0s, timeout: 1s, confirmAfter: 10s, threads: 3 }");
        reload();
        assertEquals(List.of(due), running.daemon.scheduler().pendingConfirmations("flaky"), "moved to the new scheduler");
    }

    @Test
    void aRemovedAndReAddedAccountStartsCleanAndItsFirstFailureIsConfirmed() throws Exception {
        FakeProbe prober = new FakeProbe().before("flaky", n -> {
            throw new IllegalStateException("always down");
        });
        String schedule = "{ interval: 30s, jitter: 0s, timeout: 1s, confirmAfter: 1s }";
        running = RunningDaemon.start(dir, List.of("flaky", "other"), schedule, options -> options.withProbes(config -> prober));
        await(Duration.ofSeconds(4), "the failure and its confirmation", () -> prober.count("flaky") == 2);
        assertTrue(running.daemon.states().of(running.daemon.config().account("flaky").orElseThrow()).failing());

        running.writeConfig(List.of("other"), schedule);
        reload();
        Instant readded = Instant.now();
        running.writeConfig(List.of("flaky", "other"), schedule);
        reload();
        await(Duration.ofSeconds(4), "the re-added account's failure confirmed", () -> prober.count("flaky") == 4);
        AccountHistory history = running.daemon.history().history("flaky");
        assertEquals(2, history.recent().size(), "history starts again: " + history.recent());
        assertFalse(history.failingSince().orElseThrow().isBefore(readded), "failing since the re-added account's first run");
    }

    @Test
    void aReloadTheSchedulerRefusesLeavesRunsAndSchedulerOnTheOldConfig() throws Exception {
        running = RunningDaemon.start(dir, List.of("kept", "gone"), FAST, options -> options.withQuartzProperties(config -> {
            Properties properties = QuartzProperties.of(config);
            properties.setProperty("org.quartz.jobStore.class", RefusingJobStore.class.getName());
            return properties;
        }));
        await(Duration.ofSeconds(5), "both to run", () -> runs("kept", "ok") >= 1 && runs("gone", "ok") >= 1);

        running.writeConfig(List.of("kept", RefusingJobStore.REFUSED + "-new"), "{ interval: 2s, jitter: 0s, timeout: 1s }");
        HttpResponse<String> response = running.post("/-/reload");
        assertEquals(400, response.statusCode());
        assertEquals("the new config could not be applied: JobPersistenceException\n", response.body());
        assertEquals(0.0, running.scrape().value("usercanary_config_last_reload_successful").orElseThrow());
        assertEquals(List.of("kept", "gone"), running.daemon.config().accounts().stream().map(a -> a.name()).toList());

        double kept = runs("kept", "ok");
        double gone = runs("gone", "ok");
        Thread.sleep(3500);
        assertTrue(runs("kept", "ok") - kept >= 3, "kept still runs every second, not every 2 s");
        assertTrue(runs("gone", "ok") - gone >= 3, "the removed account was scheduled again");
        assertEquals(1.0, running.scrape().value("usercanary_schedule_interval_seconds").orElseThrow());
        assertTrue(running.scrape().find("usercanary_runs_total", "account", RefusingJobStore.REFUSED + "-new").isEmpty());
        assertTrue(running.daemon.scheduler().nextFire("gone") != null);
    }

    private int pending(String account) {
        try {
            return running.daemon.scheduler().pendingConfirmations(account).size();
        } catch (org.quartz.SchedulerException e) {
            throw new AssertionError(e);
        }
    }

    private static String loginPathKind(AccountHistory history) {
        String path = history.latest().orElseThrow().loginPath();
        return path.equals("refresh") || path.equals("cached") ? "refresh-or-cached" : path;
    }
}
