package io.usercanary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.probe.HttpTrace;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import io.usercanary.store.AccountHistory;
import io.usercanary.store.ResultStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresResultStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00.123Z");

    private TestDatabase db;
    private ClusterDatabase poolA;
    private ClusterDatabase poolB;
    private PostgresResultStore replicaA;
    private PostgresResultStore replicaB;

    @BeforeEach
    void twoReplicasOnOneDatabase() throws Exception {
        db = TestDatabase.create();
        poolA = ClusterDatabase.open(db.cluster(), 2);
        poolB = ClusterDatabase.open(db.cluster(), 2);
        ClusterSchema.migrate(poolA.dataSource());
        Clock clock = Clock.fixed(T0.plus(Duration.ofHours(25)), ZoneOffset.UTC);
        replicaA = new PostgresResultStore(poolA.dataSource(), "a", clock);
        replicaB = new PostgresResultStore(poolB.dataSource(), "b", clock);
    }

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            poolA.close();
            poolB.close();
            db.close();
        }
    }

    @Test
    void aStoredRunComesBackUnderTheClusterIdTheRunLogNames() {
        RunResult stored = replicaA.stored(run(1, "legacy", Outcome.OK, T0));
        assertEquals(Optional.of(stored.id()), replicaB.history("legacy").latest().map(RunResult::id));
        assertEquals(Optional.of("legacy"), replicaB.run(stored.id()).map(RunResult::account));
    }

    @Test
    void everyReplicaSeesTheClusterLatestRunOfAnAccountWhoeverRanIt() {
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0));
        replicaB.onRun(run(1, "legacy", Outcome.EMPTY, T0.plusSeconds(60)));
        for (ResultStore replica : List.of(replicaA, replicaB)) {
            AccountHistory history = replica.history("legacy");
            assertEquals(Outcome.EMPTY, history.latest().orElseThrow().outcome());
            assertEquals(Optional.of(T0.plusSeconds(60)), history.failingSince().map(PostgresResultStoreTest::millis));
            assertEquals(Optional.of(T0), history.lastSuccessAt().map(PostgresResultStoreTest::millis));
            assertEquals(List.of(Outcome.OK, Outcome.EMPTY), history.recent().stream().map(RunResult::outcome).toList());
        }
    }

    @Test
    void runIdsAreUniqueAcrossReplicasAndEachFullTraceIsReadByItsId() {
        RunResult full = run(1, "legacy", Outcome.MISMATCH, T0);
        replicaA.onRun(full);
        replicaB.onRun(run(1, "fresh", Outcome.OK, T0));
        long a = replicaB.history("legacy").latest().orElseThrow().id();
        long b = replicaA.history("fresh").latest().orElseThrow().id();
        assertNotEquals(a, b);
        RunResult read = replicaB.run(a).orElseThrow();
        assertEquals(withId(full, a), withId(read, a));
        assertEquals(full.startedAt(), read.startedAt());
        assertTrue(replicaB.history("legacy").recent().get(0).steps().isEmpty(), "the strip holds summaries");
    }

    @Test
    void aPassAfterFailuresEndsTheStreakAndAnOlderRunArrivingLateChangesNothing() {
        replicaA.onRun(run(1, "legacy", Outcome.TIMEOUT, T0));
        replicaB.onRun(run(1, "legacy", Outcome.TIMEOUT, T0.plusSeconds(10)));
        assertEquals(Optional.of(T0), replicaA.history("legacy").failingSince().map(PostgresResultStoreTest::millis));
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0.plusSeconds(20)));
        replicaB.onRun(run(1, "legacy", Outcome.HTTP_ERROR, T0.plusSeconds(15)));
        AccountHistory history = replicaB.history("legacy");
        assertEquals(Outcome.OK, history.latest().orElseThrow().outcome());
        assertEquals(Optional.empty(), history.failingSince());
    }

    @Test
    void theStripHoldsTheLastThirtyOutcomesOldestFirst() {
        for (int i = 0; i < ResultStore.STRIP + 5; i++) {
            (i % 2 == 0 ? replicaA : replicaB).onRun(run(1, "legacy", Outcome.OK, T0.plusSeconds(i)));
        }
        List<RunResult> recent = replicaA.history("legacy").recent();
        assertEquals(ResultStore.STRIP, recent.size());
        assertEquals(T0.plusSeconds(5), millis(recent.get(0).startedAt()));
        assertEquals(T0.plusSeconds(ResultStore.STRIP + 4), millis(recent.get(recent.size() - 1).startedAt()));
    }

    @Test
    void pruningDeletesRunsOlderThanTheRetentionButKeepsEachAccountsLatestRunAndLastFailure() throws Exception {
        replicaA.onRun(run(1, "legacy", Outcome.EMPTY, T0));
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0.plusSeconds(60)));
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0.plusSeconds(120)));
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0.plus(Duration.ofHours(24)).plusSeconds(60)));
        assertEquals(2, replicaA.prune());
        AccountHistory history = replicaB.history("legacy");
        assertEquals(Outcome.EMPTY, history.lastFailure().orElseThrow().outcome());
        assertEquals(2, history.recent().size());
        assertTrue(replicaB.run(history.lastFailure().orElseThrow().id()).isPresent());
    }

    @Test
    void anAccountRunByAnyReplicaCountsForTheClusterFirstRound() {
        assertEquals(2, replicaB.neverRun(List.of("legacy", "fresh")));
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0));
        assertEquals(1, replicaB.neverRun(List.of("legacy", "fresh")));
        assertEquals(Optional.of(T0), replicaB.latestStart());
    }

    @Test
    void anUnknownAccountOrRunIsEmpty() {
        assertEquals(AccountHistory.none("nobody"), replicaA.history("nobody"));
        assertEquals(Optional.empty(), replicaA.run(424242));
    }

    @Test
    void whileTheDatabaseIsDownRunsAreDroppedAndReadsAnswerTheLastHistoryRead() throws Exception {
        replicaA.onRun(run(1, "legacy", Outcome.OK, T0));
        AccountHistory before = replicaA.history("legacy");
        db.stop();
        try {
            replicaA.onRun(run(1, "legacy", Outcome.EMPTY, T0.plusSeconds(60)));
            assertEquals(before, replicaA.history("legacy"));
            assertEquals(AccountHistory.none("fresh"), replicaA.history("fresh"));
        } finally {
            db.restart();
        }
        replicaA.onRun(run(1, "legacy", Outcome.EMPTY, T0.plusSeconds(120)));
        assertEquals(Outcome.EMPTY, replicaA.history("legacy").latest().orElseThrow().outcome());
    }

    static Instant millis(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static RunResult run(long id, String account, Outcome outcome, Instant at) {
        StepResult check = new StepResult(Step.CHECK, "overview", outcome, outcome.passed() ? "" : "/widgets is empty",
                Duration.ofMillis(12), 200, List.of(new HttpTrace("GET", "/api/dashboard", 200, Duration.ofMillis(11),
                        "{\"widgets\":[]}")), List.of(new AssertionResult("notEmpty /widgets", outcome.passed(), "0 items")));
        return new RunResult(id, account, "established", Optional.of(86_400L), at, Duration.ofMillis(40), outcome,
                outcome.passed() ? "" : "overview: /widgets is empty", List.of(check),
                List.of(new PayloadMeasurement("overview", "/widgets", outcome.passed() ? 3 : 0)), Optional.empty(), "password");
    }

    private static RunResult withId(RunResult r, long id) {
        return new RunResult(id, r.account(), r.cohort(), r.ageSeconds(), millis(r.startedAt()), r.duration(), r.outcome(),
                r.detail(), r.steps(), r.payload(), r.firebaseError(), r.loginPath());
    }
}
