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

    @ParameterizedTest(name = "interval {0} s: a fire {1} ms late is skipped")
    @CsvSource({"1, 1000", "2, 1000", "10, 5000", "60, 30000", "600, 60000"})
    void aFireLaterThanHalfTheIntervalIsAMisfireWithinBounds(long intervalSeconds, long thresholdMillis) {
        assertEquals(Duration.ofMillis(thresholdMillis), QuartzProperties.misfireThreshold(Duration.ofSeconds(intervalSeconds)));
    }
}
