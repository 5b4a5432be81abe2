package io.usercanary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.config.ClusterConfig;
import io.usercanary.config.Secret;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {
    private static final String PASSWORD = "SECRET-DB-PASSWORD-5e1a";

    @Test
    void anUnknownUserIsRefusedAtStartInOneLineNamingTheUrlWithoutThePassword() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ClusterConfig config = new ClusterConfig(db.url().replace("user=postgres", "user=nobody_here"), "nobody_here",
                    Secret.of(PASSWORD), null, Duration.ofSeconds(1));
            String message = refused(config);
            assertTrue(message.startsWith("cluster.jdbcUrl jdbc:postgresql://127.0.0.1:5432/" + db.name()), message);
            assertTrue(message.contains("refused the credentials for user 'nobody_here'"), message);
            assertFalse(message.contains(PASSWORD), message);
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void aPasswordInTheUrlNeverAppearsInTheMessage() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String url = db.url().replace("user=postgres", "user=nobody_here&password=" + PASSWORD);
            String message = refused(new ClusterConfig(url, null, null, null, Duration.ofSeconds(1)));
            assertFalse(message.contains(PASSWORD), message);
            assertTrue(message.contains("password=" + Secret.REDACTED), message);
        }
    }

    @Test
    void aDatabaseThatDoesNotExistIsRefusedAtStart() throws Exception {
        String url = adminUrl().replaceFirst("/[^/?]+\\?", "/usercanary_no_such_db?");
        String message = refused(new ClusterConfig(url, null, null, null, Duration.ofSeconds(1)));
        assertTrue(message.contains("the database does not exist"), message);
    }

    @Test
    void aUserWithoutPermissionToCreateTablesIsRefusedAtStart() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String role = db.name() + "_ro";
            db.admin("CREATE ROLE " + role + " LOGIN");
            try {
                db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                String message = refused(new ClusterConfig(db.url().replace("user=postgres", "user=" + role), null, null, null,
                        Duration.ofSeconds(1)));
                assertTrue(message.startsWith("cluster.jdbcUrl "), message);
                assertTrue(message.contains("permission denied"), message);
            } finally {
                db.close();
                db.admin("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void aDatabaseDownAtStartIsRetriedAndTheSchedulerStartsOnceItAnswers() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            db.stop();
            CountDownLatch ready = new CountDownLatch(1);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ClusterConfig config = new ClusterConfig(db.url(), null, null, null, Duration.ofSeconds(1));
            try (ClusterNode node = ClusterNode.open(config, registry, Clock.systemUTC())) {
                assertFalse(node.prepare(ready::countDown));
                assertTrue(node.problem().orElseThrow().startsWith("waiting for the cluster database"), node.problem().get());
                assertEquals(0, registry.get(ClusterHealth.DATABASE_UP).gauge().value());
                db.restart();
                assertTrue(ready.await(20, TimeUnit.SECONDS), "the schema was not created once the database answered");
                assertTrue(node.problem().isEmpty(), node.problem().toString());
                assertEquals(1, registry.get(ClusterHealth.DATABASE_UP).gauge().value());
            }
        }
    }

    @Test
    void nothingListeningIsRetriedNotRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClusterConfig config = new ClusterConfig("jdbc:postgresql://127.0.0.1:" + port + "/x", null, null, null, Duration.ofSeconds(1));
        try (ClusterNode node = ClusterNode.open(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
            assertFalse(node.prepare(() -> { }));
            assertTrue(node.problem().orElseThrow().contains("unreachable (connection refused)"), node.problem().get());
        }
    }

    private static String adminUrl() {
        return io.usercanary.testing.Components.postgresJdbcUrl();
    }

    private static String refused(ClusterConfig config) {
        try (ClusterNode node = ClusterNode.open(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
            return assertThrows(ClusterSetupException.class, () -> node.prepare(() -> { })).getMessage();
        }
    }
}
