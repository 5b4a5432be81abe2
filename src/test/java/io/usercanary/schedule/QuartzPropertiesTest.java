package io.usercanary.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuartzPropertiesTest {
    @Test
    void theSchedulerIsInMemoryWithoutUpdateChecksAndOneThreadPerAccount() {
        Properties p = QuartzProperties.of(DaemonConfigs.offline(List.of("a", "b", "c"), "{ interval: 60s }"));
        assertEquals("org.quartz.simpl.RAMJobStore", p.getProperty("org.quartz.jobStore.class"));
        assertEquals("true", p.getProperty("org.quartz.scheduler.skipUpdateCheck"));
        assertEquals("3", p.getProperty("org.quartz.threadPool.threadCount"));
        assertEquals("30000", p.getProperty("org.quartz.jobStore.misfireThreshold"));
    }

    @Test
    void configuredThreadsWin() {
        Properties p = QuartzProperties.of(DaemonConfigs.offline(List.of("a", "b", "c"), "{ interval: 60s, threads: 2 }"));
        assertEquals("2", p.getProperty("org.quartz.threadPool.threadCount"));
    }

    @ParameterizedTest(name = "{0} accounts, {1}: {2} threads")
    @CsvSource(delimiter = '|', value = {
            "3    | interval: 60s, jitter: 10s, timeout: 30s | 3",
            "1000 | interval: 15s, jitter: 15s, timeout: 5s  | 256",
            "300  | interval: 15s, jitter: 15s, timeout: 5s  | 100",
            "100  | interval: 60s, jitter: 60s, timeout: 1s  | 2",
            "40   | interval: 2s, jitter: 0s, timeout: 1s    | 40",
            "1    | interval: 60s, jitter: 60s, timeout: 1s  | 1"})
    void byDefaultEveryFlowOfAJitterWindowMayHangForTheTimeoutWithoutHoldingUpAnother(int accounts, String schedule, String threads) {
        List<String> names = java.util.stream.IntStream.range(0, accounts).mapToObj(i -> "a" + i).toList();
        Properties p = QuartzProperties.of(DaemonConfigs.offline(names, "{ " + schedule + " }"));
        assertEquals(threads, p.getProperty("org.quartz.threadPool.threadCount"));
        assertEquals(threads, p.getProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount"), "one wake-up fires a batch");
    }

    @ParameterizedTest(name = "interval {0} s: a fire {1} ms late is skipped")
    @CsvSource({"1, 1000", "2, 1000", "10, 5000", "60, 30000", "600, 60000"})
    void aFireLaterThanHalfTheIntervalIsAMisfireWithinBounds(long intervalSeconds, long thresholdMillis) {
        assertEquals(Duration.ofMillis(thresholdMillis), QuartzProperties.misfireThreshold(Duration.ofSeconds(intervalSeconds)));
    }
}
