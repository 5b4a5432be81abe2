package io.usercanary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.Eventually;
import io.usercanary.testing.JarProcess;
import io.usercanary.testing.TestConfigs;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas of the packaged jar sharing one PostgreSQL database and one fake production that counts each
 * account's runs: one run per interval across the cluster, failover after kill -9, hand-over on SIGTERM,
 * rejoining, the database going away and coming back, and a database that is down at start.
 */
class ReplicasIT {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration CHECKIN = Duration.ofSeconds(1);
    private static final int ACCOUNTS = 6;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private TestDatabase db;
    private MockWebServer production;
    private final CountingBackend backend = new CountingBackend();
    private final List<Replica> replicas = new ArrayList<>();

    @BeforeEach
    void startDatabaseAndProduction() throws Exception {
        db = TestDatabase.create();
        production = new MockWebServer();
        production.setDispatcher(backend);
        production.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopEverything() throws Exception {
        replicas.forEach(Replica::close);
        if (production != null) {
            production.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void twoReplicasStartedTogetherOnAnEmptyDatabaseRunEachAccountOncePerIntervalAndSurviveAKilledReplica() throws Exception {
        Path config = config();
        Replica a = replica(config);
        Replica b = replica(config);
        awaitMembers(2, a, b);
        awaitAllAccountsRunning();

        Instant from = Instant.now();
        Thread.sleep(Duration.ofSeconds(8).toMillis());
        assertOneRunPerInterval(from, Instant.now());
        assertSameResultsOnEveryReplica(a, b);
        for (Replica r : List.of(a, b)) {
            assertEquals(200, r.get("/-/ready").statusCode(), "ready once the cluster ran every account");
        }

        backend.slowDashboards(Duration.ofMillis(600));
        Thread.sleep(INTERVAL.toMillis());
        Instant killed = Instant.now();
        b.kill();
        Duration failover = awaitEveryAccountRunsAgain(killed);
        Duration gap = longestGap(killed.minus(INTERVAL), Instant.now().plusSeconds(1));
        System.out.printf("failover after kill -9 with runs in flight (checkinInterval %ss, interval %ss): every account ran"
                + " again within %.1f s; longest gap between two runs of one account %.1f s%n", CHECKIN.toSeconds(),
                INTERVAL.toSeconds(), failover.toMillis() / 1000.0, gap.toMillis() / 1000.0);
        Duration bound = QuartzClusterProperties.failureDetection(db.cluster()).plus(INTERVAL.multipliedBy(2)).plusSeconds(5);
        assertTrue(failover.compareTo(bound) <= 0, "failover took " + failover + ", more than " + bound);
        Eventually.until(deadline(QuartzClusterProperties.failureDetection(db.cluster()).plusSeconds(10)),
                "the killed replica to stop counting as a member", () -> a.metric("usercanary_cluster_members"), m -> m == 1);
        backend.slowDashboards(Duration.ZERO);

        Replica rejoined = replica(config);
        awaitMembers(2, a, rejoined);
        Instant after = Instant.now();
        Thread.sleep(Duration.ofSeconds(8).toMillis());
        assertOneRunPerInterval(after, Instant.now());
    }

    @Test
    void sigtermHandsOverWithoutAGapAndTheDatabaseGoingAwayStopsEveryReplicaUntilItReturns() throws Exception {
        Path config = config();
        Replica a = replica(config);
        Replica b = replica(config);
        awaitMembers(2, a, b);
        awaitAllAccountsRunning();

        db.stop();
        Instant down = Instant.now();
        for (Replica r : List.of(a, b)) {
            HttpResponse<String> healthy = Eventually.until(deadline(Duration.ofSeconds(20)), "/-/healthy to report the database",
                    () -> r.get("/-/healthy"), h -> h.statusCode() == 503 && h.body().contains("cluster.jdbcUrl"));
            assertTrue(healthy.body().contains("no replica fires jobs"), healthy.body());
            assertFalse(healthy.body().contains("SECRET"), healthy.body());
            assertEquals(0, r.metric("usercanary_cluster_database_up"));
        }
        Instant quiet = Instant.now().plus(INTERVAL);
        Thread.sleep(Duration.ofSeconds(4).toMillis());
        long during = accounts().stream().mapToLong(acc -> backend.runsBetween(acc, quiet, Instant.now())).sum();
        assertEquals(0, during, "no run starts while the database is down");
        db.restart();
        Instant up = Instant.now();
        Duration resumed = awaitEveryAccountRunsAgain(up);
        System.out.printf("database down %.1f s: every account ran again %.1f s after it returned, without a restart%n",
                Duration.between(down, up).toMillis() / 1000.0, resumed.toMillis() / 1000.0);
        for (Replica r : List.of(a, b)) {
            Eventually.until(deadline(Duration.ofSeconds(20)), "healthy again", () -> r.get("/-/healthy").statusCode(), c -> c == 200);
        }
        for (Replica r : List.of(a, b)) {
            String log = r.process().stderr();
            assertFalse(log.contains("\tat "), "the outage logged a stack trace\n" + r.process().tails());
            assertEquals(1, log.lines().filter(l -> l.contains(" WARN ") && l.contains("no job fires until it answers")).count(),
                    "one WARN line for the outage\n" + r.process().tails());
        }

        Thread.sleep(INTERVAL.multipliedBy(2).toMillis());
        Instant terminated = Instant.now();
        assertEquals(0, b.terminate());
        Thread.sleep(Duration.ofSeconds(6).toMillis());
        Duration gap = longestGap(terminated.minus(INTERVAL), Instant.now());
        System.out.printf("SIGTERM hand-over: longest gap between two runs of one account %.1f s (interval %s s)%n",
                gap.toMillis() / 1000.0, INTERVAL.toSeconds());
        assertTrue(gap.compareTo(INTERVAL.multipliedBy(2).plusSeconds(1)) <= 0, "gap after SIGTERM: " + gap);
        assertOneRunPerInterval(terminated.plus(INTERVAL), Instant.now());
    }

    @Test
    void aDatabaseDownAtStartIsReportedAndRetriedUntilItAnswers() throws Exception {
        db.stop();
        Replica a = replica(config());
        HttpResponse<String> healthy = Eventually.until(deadline(START), "/-/healthy to say it waits",
                () -> a.get("/-/healthy"), h -> h.statusCode() == 503 && h.body().contains("waiting for the cluster database"));
        assertTrue(healthy.body().contains("cluster.jdbcUrl jdbc:postgresql://"), healthy.body());
        assertTrue(a.process().stderr().contains("cluster.jdbcUrl"), a.process().tails());
        db.restart();
        awaitMembers(1, a);
        awaitAllAccountsRunning();
    }

    @Test
    void wrongCredentialsExitWithOneLineNamingTheUrlAndNeverThePassword() throws Exception {
        Path config = dir.resolve("wrong.yaml");
        Files.writeString(config, yaml(db.url().replace("user=postgres", "user=nobody_at_all"),
                "  password: SECRET-DB-PASSWORD-77aa\n"));
        JarProcess.Result result = JarProcess.run(Map.of(), "run", "--config", config.toString(), "--port", "0");
        assertEquals(2, result.exitCode(), result.stderr());
        List<String> lines = result.stderr().lines().filter(l -> l.startsWith("usercanary:")).toList();
        assertEquals(1, lines.size(), result.stderr());
        assertTrue(lines.get(0).startsWith("usercanary: cluster.jdbcUrl jdbc:postgresql://127.0.0.1:5432/" + db.name()), lines.get(0));
        assertFalse(result.stderr().contains("SECRET-DB-PASSWORD"), result.stderr());
        assertFalse(result.stdout().contains("SECRET-DB-PASSWORD"), result.stdout());
    }

    private Replica replica(Path config) throws Exception {
        Replica r = Replica.start(config, dir.resolve("logs"));
        replicas.add(r);
        return r.awaitServing(START);
    }

    private Path config() throws Exception {
        Path file = dir.resolve("usercanary.yaml");
        Files.writeString(file, yaml(db.url(), ""));
        return file;
    }

    private String yaml(String jdbcUrl, String clusterExtra) {
        StringBuilder yaml = new StringBuilder(TestConfigs.upToAccounts(production.getHostName() + ":" + production.getPort()));
        for (String account : accounts()) {
            yaml.append("  - name: ").append(account).append("\n    email: canary-").append(account)
                    .append("@example.com\n    password: SECRET-PASSWORD-1c9e\n    vars: { marker: m-legacy }\n");
        }
        yaml.append("schedule: { interval: ").append(INTERVAL.toSeconds()).append("s, jitter: ").append(INTERVAL.toSeconds())
                .append("s, timeout: 1s, confirmAfter: 0s }\n");
        yaml.append("cluster:\n  jdbcUrl: ").append(jdbcUrl).append("\n  checkinInterval: ").append(CHECKIN.toSeconds())
                .append("s\n").append(clusterExtra);
        return yaml.toString();
    }

    private static List<String> accounts() {
        return IntStream.range(0, ACCOUNTS).mapToObj(i -> "acct" + i).toList();
    }

    private static void awaitMembers(int members, Replica... replicas) throws InterruptedException {
        for (Replica r : replicas) {
            Eventually.until(deadline(START), members + " members", () -> r.metric("usercanary_cluster_members"), m -> m == members);
        }
    }

    private void awaitAllAccountsRunning() throws InterruptedException {
        Instant now = Instant.now();
        awaitEveryAccountRunsAgain(now);
    }

    /** How long after {@code from} the last account to run again did so. */
    private Duration awaitEveryAccountRunsAgain(Instant from) throws InterruptedException {
        Eventually.until(deadline(Duration.ofSeconds(40)), "every account to run after " + from,
                () -> accounts().stream().filter(a -> backend.firstRunAfter(a, from).isEmpty()).toList(), List::isEmpty);
        return accounts().stream().map(a -> Duration.between(from, backend.firstRunAfter(a, from).orElseThrow()))
                .max(Duration::compareTo).orElseThrow();
    }

    /** Each account ran about once per interval in the window: never twice within half an interval, never skipped twice in a row. */
    private void assertOneRunPerInterval(Instant from, Instant to) {
        long expected = Duration.between(from, to).toMillis() / INTERVAL.toMillis();
        for (String account : accounts()) {
            List<Instant> runs = backend.runs(account).stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).toList();
            assertTrue(runs.size() <= expected + 1, account + " ran " + runs.size() + " times in a window of " + expected
                    + " intervals: a double run");
            assertTrue(runs.size() >= expected - 2, account + " ran " + runs.size() + " times in a window of " + expected
                    + " intervals: runs were missed");
            for (int i = 1; i < runs.size(); i++) {
                Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
                assertTrue(gap.compareTo(INTERVAL.dividedBy(2)) >= 0, account + " ran twice within " + gap + ": " + runs);
            }
        }
    }

    private Duration longestGap(Instant from, Instant to) {
        Duration longest = Duration.ZERO;
        for (String account : accounts()) {
            List<Instant> runs = backend.runs(account).stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).toList();
            for (int i = 1; i < runs.size(); i++) {
                Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
                longest = gap.compareTo(longest) > 0 ? gap : longest;
            }
        }
        return longest;
    }

    /** The same stored run is served by every replica: run ids are the cluster's. */
    private static void assertSameResultsOnEveryReplica(Replica a, Replica b) {
        Matcher m = Pattern.compile("/runs/(\\d+)").matcher(a.get("/").body());
        assertTrue(m.find(), "a's status page links to a run");
        assertEquals(200, b.get("/runs/" + m.group(1)).statusCode(), "b serves the run a's page links to");
    }

    private static long deadline(Duration d) {
        return System.nanoTime() + d.toNanos();
    }
}
