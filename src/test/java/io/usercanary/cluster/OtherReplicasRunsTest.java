package io.usercanary.cluster;

import static io.usercanary.cluster.PostgresResultStoreTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replica b's gauges are fed every run replica a stores, once each, in order, and none of b's own. */
class OtherReplicasRunsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private TestDatabase db;
    private ClusterDatabase pool;
    private PostgresResultStore replicaA;
    private PostgresResultStore replicaB;
    private final List<RunResult> shownOnB = new ArrayList<>();
    private OtherReplicasRuns followingFromB;

    @BeforeEach
    void twoReplicasOnOneDatabase() throws Exception {
        db = TestDatabase.create();
        pool = ClusterDatabase.open(db.cluster(), 2);
        ClusterSchema.migrate(pool.dataSource());
        replicaA = new PostgresResultStore(pool.dataSource(), "a", Clock.systemUTC());
        replicaB = new PostgresResultStore(pool.dataSource(), "b", Clock.systemUTC());
        followingFromB = new OtherReplicasRuns(replicaB, shownOnB::add);
    }

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            followingFromB.close();
            pool.close();
            db.close();
        }
    }

    @Test
    void theFirstPollShowsEachAccountsLatestRunThenEveryNewRunOnceInOrder() {
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0));
        replicaA.onRun(run(2, "legacy", Outcome.EMPTY, T0.plusSeconds(60)));
        replicaB.onRun(run(3, "fresh", Outcome.OK, T0.plusSeconds(61)));
        followingFromB.poll();
        assertEquals(List.of("legacy empty"), shown(), "each account's latest, when another replica ran it");

        replicaA.onRun(run(4, "fresh", Outcome.TIMEOUT, T0.plusSeconds(120)));
        replicaB.onRun(run(5, "legacy", Outcome.EMPTY, T0.plusSeconds(120)));
        replicaA.onRun(run(6, "legacy", Outcome.OK, T0.plusSeconds(180)));
        followingFromB.poll();
        followingFromB.poll();
        assertEquals(List.of("legacy empty", "fresh timeout", "legacy ok"), shown(), "b's own run is not shown twice");
    }

    @Test
    void aPollShowsAtMostOneBatchAndTheNextOneContinues() {
        followingFromB.poll();
        for (int i = 0; i < OtherReplicasRuns.BATCH + 5; i++) {
            replicaA.onRun(run(i, "legacy", Outcome.OK, T0.plusSeconds(i)));
        }
        followingFromB.poll();
        assertEquals(OtherReplicasRuns.BATCH, shownOnB.size());
        followingFromB.poll();
        assertEquals(OtherReplicasRuns.BATCH + 5, shownOnB.size());
        assertEquals(T0.plusSeconds(OtherReplicasRuns.BATCH + 4), shownOnB.get(shownOnB.size() - 1).startedAt());
    }

    @Test
    void aDatabaseDownMissesNoRunOnceItAnswersAgain() throws Exception {
        followingFromB.poll();
        replicaA.onRun(run(1, "legacy", Outcome.EMPTY, T0));
        db.stop();
        followingFromB.poll();
        assertEquals(List.of(), shown(), "a failed poll shows nothing and throws nothing");
        db.restart();
        List<String> shown = Eventually.until(System.nanoTime() + Duration.ofSeconds(20).toNanos(), "the next polls to answer",
                () -> {
                    followingFromB.poll();
                    return shown();
                }, s -> !s.isEmpty());
        assertEquals(List.of("legacy empty"), shown);
    }

    private List<String> shown() {
        return shownOnB.stream().map(r -> r.account() + " " + r.outcome().label()).toList();
    }
}
