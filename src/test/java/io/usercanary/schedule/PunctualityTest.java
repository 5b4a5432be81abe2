package io.usercanary.schedule;

import static io.usercanary.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.AccountStates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PunctualityTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(Punctuality.class);
    CanaryScheduler scheduler;

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
        logger.detachAppender(logs);
    }

    void start(CanaryConfig config, FakeProbe probe) throws Exception {
        Punctuality punctuality = new Punctuality(registry, () -> config.schedule().interval(), Clock.systemUTC());
        ScheduledRuns runs = new ScheduledRuns(config, probe, new AccountStates(config), List.of(), Clock.systemUTC(), punctuality);
        scheduler = CanaryScheduler.start(config, runs);
    }

    double skipped() {
        return registry.get("usercanary.schedule.skipped").counter().count();
    }

    List<String> linesAbout(String account) {
        synchronized (logs.list) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("account " + account + ":")).toList();
        }
    }

    @Test
    void whenEveryFlowThreadIsBusyTheFiresThatCannotStartInTimeAreCountedAndLoggedAtMostOncePerInterval() throws Exception {
        FakeProbe probe = new FakeProbe().block("hog");
        // One thread, taken by the hog: "starved" fires every second and cannot start; a fire 1 s late is a misfire.
        start(DaemonConfigs.offline(List.of("hog", "starved"), "{ interval: 1s, jitter: 0s, timeout: 1s, threads: 1 }"), probe);
        await(Duration.ofSeconds(3), "the hog to take the only thread", () -> probe.count("hog") == 1);
        Thread.sleep(4_000);
        long blockedFor = 5;
        probe.release("hog");
        await(Duration.ofSeconds(5), "the missed fires of both accounts counted", () -> skipped() >= 4);
        await(Duration.ofSeconds(5), "a line naming the starved account", () -> !linesAbout("starved").isEmpty());
        String line = linesAbout("starved").get(0);
        assertTrue(line.matches("account starved: \\d+ scheduled runs? skipped: .*could not start within 1000 ms.*"), line);
        Thread.sleep(1_500);
        double counted = skipped();
        assertTrue(counted <= 2 * (blockedFor + 3), "more fires counted than were scheduled: " + counted);
        int lines = linesAbout("starved").size();
        assertTrue(lines <= 3, "the starved account was logged more than once per interval: " + linesAbout("starved"));
        assertTrue(probe.count("starved") >= 1, "the starved account runs again once a thread is free");
    }

    @Test
    void aFireWhileTheAccountsPreviousRunIsStillGoingIsCountedEveryTimeAndLoggedOncePerInterval() throws Exception {
        CanaryConfig config = DaemonConfigs.offline(List.of("busy"), "{ interval: 60s, jitter: 0s, timeout: 1s }");
        FakeProbe probe = new FakeProbe().block("busy");
        Punctuality punctuality = new Punctuality(registry, () -> config.schedule().interval(), Clock.systemUTC());
        ScheduledRuns runs = new ScheduledRuns(config, probe, new AccountStates(config), List.of(), Clock.systemUTC(), punctuality);
        Thread first = new Thread(() -> runs.run("busy"));
        first.start();
        await(Duration.ofSeconds(3), "the first run to start", () -> probe.count("busy") == 1);
        for (int i = 0; i < 5; i++) {
            assertTrue(runs.run("busy", java.time.Instant.now()).isEmpty(), "a second run of the account started");
        }
        probe.release("busy");
        first.join(5_000);
        assertEquals(5.0, skipped());
        assertEquals(List.of("account busy: 1 scheduled run skipped: its previous run is still going"), linesAbout("busy"));
        assertEquals(0, registry.get("usercanary.schedule.lag").timer().count(), "a skipped fire has no start to lag");
    }

    @Test
    void theLagOfEachRunsStartIsObservedAndARunHeldBackByABusyPoolLagsByAboutAsLong() throws Exception {
        // Both accounts fire at the same moment every 2 s on one thread; whichever goes second waits for the
        // other's 600 ms flow (well within the 1 s misfire threshold, so it runs late rather than being skipped).
        FakeProbe probe = new FakeProbe().before("slow-a", n -> sleep(600)).before("slow-b", n -> sleep(600));
        start(DaemonConfigs.offline(List.of("slow-a", "slow-b"), "{ interval: 2s, jitter: 0s, timeout: 1s, threads: 1 }"), probe);
        Timer lag = registry.get("usercanary.schedule.lag").timer();
        await(Duration.ofSeconds(10), "four runs started", () -> lag.count() >= 4);
        assertTrue(lag.max(TimeUnit.MILLISECONDS) >= 400, "the held-back run's lag: " + lag.max(TimeUnit.MILLISECONDS) + " ms");
        CountAtBucket[] buckets = lag.takeSnapshot().histogramCounts();
        assertEquals(Punctuality.LAG_BUCKETS.length, buckets.length);
        double underOneSecond = buckets[2].count();
        assertTrue(underOneSecond >= 2, "the runs started within 1 s of their schedule: " + List.of(buckets));
        assertEquals(0.0, skipped(), "nothing was skipped");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
