package io.usercanary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.ClusterConfig;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class QuartzClusterPropertiesTest {
    private static final ClusterConfig CLUSTER =
            new ClusterConfig("jdbc:postgresql://db:5432/usercanary", null, null, null, Duration.ofSeconds(5));

    @Test
    void theJobStoreIsQuartzClusteredJdbcStoreOnPostgresUnderOneSchedulerName() {
        Properties base = new Properties();
        base.setProperty("org.quartz.threadPool.threadCount", "7");
        base.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        Properties p = QuartzClusterProperties.of(base, CLUSTER);
        assertEquals("org.quartz.impl.jdbcjobstore.JobStoreTX", p.getProperty("org.quartz.jobStore.class"));
        assertEquals("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", p.getProperty("org.quartz.jobStore.driverDelegateClass"));
        assertEquals("true", p.getProperty("org.quartz.jobStore.isClustered"));
        assertEquals("AUTO", p.getProperty("org.quartz.scheduler.instanceId"));
        assertEquals("usercanary", p.getProperty("org.quartz.scheduler.instanceName"));
        assertEquals("5000", p.getProperty("org.quartz.jobStore.clusterCheckinInterval"));
        assertEquals("5000", p.getProperty("org.quartz.scheduler.idleWaitTime"));
        assertEquals("true", p.getProperty("org.quartz.jobStore.useProperties"));
        assertEquals("7", p.getProperty("org.quartz.threadPool.threadCount"));
        assertTrue(QuartzClusterProperties.clustered(p));
        assertFalse(QuartzClusterProperties.clustered(base));
        assertFalse(p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("org.quartz.dataSource.")),
                "the pool is registered in code: no URL or password in the properties");
    }

    @Test
    void aDeadReplicaIsDetectedAfterTheCheckinIntervalPlusQuartzGrace() {
        assertEquals(Duration.ofMillis(12_500), QuartzClusterProperties.failureDetection(CLUSTER));
    }
}
