package io.usercanary.schedule;

import static io.usercanary.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.AccountStates;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.FakeProduction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

class CanarySchedulerTest {
    final List<RunResult> results = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> firstRunNanos = new ConcurrentHashMap<>();
    final RunListener record = result -> {
        firstRunNanos.putIfAbsent(result.account(), System.nanoTime());
        results.add(result);
    };
    CanaryScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
    }

    CanaryScheduler start(CanaryConfig config, Probe probe, RunListener... listeners) throws SchedulerException {
        ScheduledRuns runs = new ScheduledRuns(config, probe, new AccountStates(config), List.of(listeners), Clock.systemUTC(),
                punctuality());
        scheduler = CanaryScheduler.start(config, runs);
        return scheduler;
    }

    static Punctuality punctuality() {
        return new Punctuality(new SimpleMeterRegistry(), () -> Duration.ofSeconds(1), Clock.systemUTC());
    }

    ScheduledRuns runs(CanaryConfig config, Probe probe) {
        return new ScheduledRuns(config, probe, new AccountStates(config), List.of(record), Clock.systemUTC(), punctuality());
    }

    long runs(String account, Outcome outcome) {
        synchronized (results) {
            return results.stream().filter(r -> r.account().equals(account) && r.outcome() == outcome).count();
        }
    }

    @Test
    void everyAccountRunsItsFlowEveryIntervalAgainstTheBackend() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new FakeProduction());
            server.start();
            CanaryConfig config = DaemonConfigs.parse(DaemonConfigs.yaml(server.getHostName() + ":" + server.getPort(),
                    List.of("a", "b", "c"), "{ interval: 1s, jitter: 0s, timeout: 1s }"));
            BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
            start(config, FlowRunner.create(config, http, Clock.systemUTC()), record);
            await(Duration.ofSeconds(6), "three ok runs of each account",
                    () -> List.of("a", "b", "c").stream().allMatch(a -> runs(a, Outcome.OK) >= 3));
        }
    }

    @Test
    void aStalledFlowNeverOverlapsItselfItsMissedFiresAreSkippedAndOthersKeepRunning() throws Exception {
        FakeProbe prober = new FakeProbe().block("stuck");
        start(DaemonConfigs.offline(List.of("stuck", "fine"), "{ interval: 1s, jitter: 0s, timeout: 1s }"), prober, record);
        await(Duration.ofSeconds(3), "the stuck run to start", () -> prober.count("stuck") == 1);
        Thread.sleep(3200);
        assertEquals(1, prober.count("stuck"), "no second run of the stuck account while its first is going");
        assertTrue(prober.count("fine") >= 3, "the other account kept running: " + prober.count("fine"));
        long released = System.nanoTime();
        prober.release("stuck");
        Thread.sleep(1100);
        assertEquals(1, prober.maxConcurrent("stuck"));
        int afterRelease = prober.count("stuck") - 1;
        assertTrue(afterRelease <= 1, "the three missed fires were replayed: " + afterRelease + " runs within 1.1 s");
        await(Duration.ofSeconds(3), "the stuck account back on its cadence", () -> prober.count("stuck") >= 3);
        long firstAgain = prober.calls("stuck").get(1).startNanos();
        assertTrue(firstAgain >= released, "a run started before the stalled one ended");
    }

    @Test
    void firstFiresAreSpreadByTheJitterOfEachName() throws Exception {
        List<String> accounts = List.of("alpha", "bravo", "charlie", "delta");
        Duration jitter = Duration.ofSeconds(3);
        FakeProbe prober = new FakeProbe();
        long started = System.nanoTime();
        start(DaemonConfigs.offline(accounts, "{ interval: 3s, jitter: 3s, timeout: 1s }"), prober, record);
        await(Duration.ofSeconds(5), "every account's first run", () -> firstRunNanos.keySet().containsAll(accounts));
        for (String account : accounts) {
            long expected = Jitter.offset(account, jitter).toMillis();
            long observed = (firstRunNanos.get(account) - started) / 1_000_000;
            assertTrue(observed >= expected - 50 && observed <= expected + 600,
                    account + ": first run after " + observed + " ms, its jitter is " + expected + " ms");
        }
    }

    @Test
    void anExceptionInAFlowBecomesANetworkErrorAndLaterFiresStillHappen() throws Exception {
        FakeProbe prober = new FakeProbe().before("flaky", n -> {
            if (n == 1) {
                throw new IllegalStateException("boom");
            }
        });
        start(DaemonConfigs.offline(List.of("flaky"), "{ interval: 1s, jitter: 0s, timeout: 1s }"), prober, record);
        await(Duration.ofSeconds(4), "ok runs after the failure", () -> runs("flaky", Outcome.OK) >= 2);
        RunResult first = results.get(0);
        assertEquals(Outcome.INTERNAL_ERROR, first.outcome());
        assertEquals("internal error (see the log): IllegalStateException", first.detail());
        assertTrue(scheduler.running());
    }

    @Test
    void aFirstFailureIsConfirmedByOneExtraRunSoonAfterNotOneIntervalLater() throws Exception {
        FakeProbe prober = new FakeProbe().before("flaky", n -> {
            if (n <= 3) {
                throw new IllegalStateException("down");
            }
        });
        start(DaemonConfigs.offline(List.of("flaky"), "{ interval: 4s, jitter: 0s, timeout: 1s, confirmAfter: 1s }"), prober, record);
        await(Duration.ofSeconds(12), "the account passing again", () -> runs("flaky", Outcome.OK) >= 1);
        List<FakeProbe.Call> calls = prober.calls("flaky");
        long confirmMillis = (calls.get(1).startNanos() - calls.get(0).startNanos()) / 1_000_000;
        long nextMillis = (calls.get(2).startNanos() - calls.get(0).startNanos()) / 1_000_000;
        assertTrue(confirmMillis >= 900 && confirmMillis <= 2000, "confirmed " + confirmMillis + " ms after the first failure");
        assertTrue(nextMillis >= 3500, "a failing confirmation starts no other extra run: third run after " + nextMillis + " ms");
    }

    @Test
    void confirmAfterZeroLeavesAFailureToTheNextRegularRun() throws Exception {
        FakeProbe prober = new FakeProbe().before("flaky", n -> {
            if (n == 1) {
                throw new IllegalStateException("blip");
            }
        });
        start(DaemonConfigs.offline(List.of("flaky"), "{ interval: 2s, jitter: 0s, timeout: 1s, confirmAfter: 0s }"), prober, record);
        await(Duration.ofSeconds(6), "the next regular run", () -> prober.count("flaky") >= 2);
        long gapMillis = (prober.calls("flaky").get(1).startNanos() - prober.calls("flaky").get(0).startNanos()) / 1_000_000;
        assertTrue(gapMillis >= 1800, "the second run came " + gapMillis + " ms after the failure, not one interval later");
    }

    @Test
    void aListenerThatThrowsLosesOnlyItsOwnNotification() throws Exception {
        FakeProbe prober = new FakeProbe();
        RunListener broken = result -> {
            throw new UnsupportedOperationException("not yet");
        };
        start(DaemonConfigs.offline(List.of("a"), "{ interval: 1s, jitter: 0s, timeout: 1s }"), prober, broken, record);
        await(Duration.ofSeconds(4), "runs despite the broken listener", () -> runs("a", Outcome.OK) >= 2);
    }

    @Test
    void applyingAChangedConfigAddsRemovesAndRetimesJobs() throws Exception {
        FakeProbe prober = new FakeProbe();
        CanaryConfig before = DaemonConfigs.offline(List.of("kept", "removed"), "{ interval: 1s, jitter: 0s, timeout: 1s }");
        ScheduledRuns runs = runs(before, prober);
        scheduler = CanaryScheduler.start(before, runs);
        await(Duration.ofSeconds(3), "both accounts running", () -> prober.count("kept") >= 1 && prober.count("removed") >= 1);

        CanaryConfig after = DaemonConfigs.offline(List.of("kept", "added"), "{ interval: 2s, jitter: 0s, timeout: 1s }");
        runs.use(after, prober);
        scheduler.apply(after);
        int removedRuns = prober.count("removed");
        int keptRuns = prober.count("kept");
        await(Duration.ofSeconds(3), "the added account running", () -> prober.count("added") >= 1);
        Thread.sleep(3000);
        assertTrue(prober.count("removed") <= removedRuns + 1, "the removed account kept running");
        int keptSince = prober.count("kept") - keptRuns;
        assertTrue(keptSince >= 1 && keptSince <= 3, "at a 2 s interval, 1-3 runs in ~3.5 s, not " + keptSince);
    }

    @Test
    void aChangeOfThreadCountHandsOverToANewScheduler() throws Exception {
        FakeProbe prober = new FakeProbe();
        CanaryConfig before = DaemonConfigs.offline(List.of("a", "b"), "{ interval: 1s, jitter: 0s, timeout: 1s }");
        ScheduledRuns runs = runs(before, prober);
        scheduler = CanaryScheduler.start(before, runs);
        CanaryConfig after = DaemonConfigs.offline(List.of("a", "b", "c"), "{ interval: 1s, jitter: 0s, timeout: 1s }");
        runs.use(after, prober);
        scheduler.apply(after);
        assertTrue(scheduler.running());
        int before2 = prober.count("a");
        await(Duration.ofSeconds(4), "every account running on the new scheduler",
                () -> prober.count("c") >= 2 && prober.count("a") >= before2 + 2);
        assertEquals(1, prober.maxConcurrent("a"), "the hand-over ran an account twice at once");
    }

    @Test
    void shutdownWaitsForAFlowInFlightOnlyAsLongAsTheGrace() throws IOException, SchedulerException, InterruptedException {
        FakeProbe prober = new FakeProbe().block("slow");
        start(DaemonConfigs.offline(List.of("slow"), "{ interval: 1s, jitter: 0s, timeout: 1s }"), prober, record);
        await(Duration.ofSeconds(3), "the slow run to start", () -> prober.count("slow") == 1);
        long start = System.nanoTime();
        boolean finished = scheduler.shutdown(Duration.ofMillis(500));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(false, finished);
        assertTrue(took < 2000, "shutdown waited " + took + " ms");
        prober.release("slow");
        scheduler = null;
    }
}
