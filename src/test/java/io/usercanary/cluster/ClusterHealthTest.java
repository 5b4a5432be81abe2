package io.usercanary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void membersAreTheReplicasOfThisSchedulerWithARecentCheckIn() throws Exception {
        try (TestDatabase db = TestDatabase.create(); ClusterDatabase pool = ClusterDatabase.open(db.cluster(), 2)) {
            ClusterSchema.migrate(pool.dataSource());
            long now = NOW.toEpochMilli();
            db.execute("INSERT INTO qrtz_scheduler_state VALUES"
                    + " ('usercanary', 'fresh', " + (now - 1000) + ", 5000),"
                    + " ('usercanary', 'within-grace', " + (now - 12_000) + ", 5000),"
                    + " ('usercanary', 'dead', " + (now - 13_000) + ", 5000),"
                    + " ('another-app', 'other', " + now + ", 5000)");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ClusterHealth health = new ClusterHealth(pool.dataSource(), db.cluster(), Clock.fixed(NOW, ZoneOffset.UTC))
                    .register(registry);
            health.check();
            assertEquals(2, registry.get(ClusterHealth.MEMBERS).gauge().value());
            assertEquals(1, registry.get(ClusterHealth.DATABASE_UP).gauge().value());
            assertTrue(health.problem().isEmpty());

            db.stop();
            health.check();
            assertEquals(0, registry.get(ClusterHealth.DATABASE_UP).gauge().value());
            assertTrue(health.problem().orElseThrow().startsWith("cluster.jdbcUrl " + db.url() + ": unreachable"),
                    health.problem().get());
            db.restart();
            Eventually.until(System.nanoTime() + Duration.ofSeconds(20).toNanos(), "the database to be seen up again", () -> {
                health.check();
                return registry.get(ClusterHealth.DATABASE_UP).gauge().value();
            }, up -> up == 1);
        }
    }
}
