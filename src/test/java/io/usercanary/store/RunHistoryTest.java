package io.usercanary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.probe.RunResult;
import io.usercanary.web.WebFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
    final WebFixtures runs = WebFixtures.start();
    final RunHistory history = new RunHistory(100, 30);
    Instant at = WebFixtures.NOW.minusSeconds(100_000);

    RunResult ok(String account) {
        at = at.plusSeconds(30);
        return runs.ok(account, "new", 3, at);
    }

    RunResult empty(String account) {
        at = at.plusSeconds(30);
        return runs.empty(account, "recent", 120, at);
    }

    @Nested
    class FailingSince {
        @Test
        void isTheStartOfTheFirstFailureAfterTheLastPass() {
            history.onRun(ok("legacy"));
            RunResult first = empty("legacy");
            history.onRun(first);
            history.onRun(empty("legacy"));
            assertEquals(first.startedAt(), history.history("legacy").failingSince().orElseThrow());
        }

        @Test
        void isEmptyAgainOnceARunPasses() {
            history.onRun(empty("legacy"));
            history.onRun(ok("legacy"));
            assertTrue(history.history("legacy").failingSince().isEmpty());
        }

        @Test
        void isEmptyForAnAccountThatNeverRan() {
            assertTrue(history.history("nobody").failingSince().isEmpty());
        }
    }

    @Nested
    class ById {
        @Test
        void keepsTheLastHundredRuns() {
            for (int i = 0; i < 150; i++) {
                history.onRun(ok("fresh"));
            }
            assertEquals(100, history.size());
            assertTrue(history.run(50).isEmpty(), "run 50 scrolled out");
            assertTrue(history.run(51).isPresent());
            assertTrue(history.run(150).isPresent());
        }

        @Test
        void keepsAnAccountsLastFailureAfterItScrollsOutOfTheHundred() {
            RunResult failure = empty("legacy");
            history.onRun(failure);
            for (int i = 0; i < 250; i++) {
                history.onRun(ok(i % 2 == 0 ? "fresh" : "legacy"));
            }
            assertEquals(failure, history.run(failure.id()).orElseThrow());
            assertEquals(failure, history.lastFailure("legacy").orElseThrow());
            assertEquals(100, history.size());
        }

        @Test
        void keepsOnlyTheLastFailureOfAnAccount() {
            RunResult first = empty("legacy");
            RunResult second = empty("legacy");
            history.onRun(first);
            history.onRun(second);
            for (int i = 0; i < 200; i++) {
                history.onRun(ok("fresh"));
            }
            assertTrue(history.run(first.id()).isEmpty());
            assertTrue(history.run(second.id()).isPresent());
        }

        @Test
        void keepsEachAccountsLatestRunEvenWhenOthersRunFarMoreOften() {
            RunResult quiet = ok("founder");
            history.onRun(quiet);
            for (int i = 0; i < 300; i++) {
                history.onRun(ok("fresh"));
            }
            assertEquals(quiet, history.run(quiet.id()).orElseThrow());
            assertEquals(quiet, history.latest("founder").orElseThrow());
        }

        @Test
        void unknownIdIsEmpty() {
            assertTrue(history.run(42).isEmpty());
        }
    }

    @Nested
    class PerAccount {
        @Test
        void recentHoldsTheLastThirtyOutcomesOldestFirst() {
            List<RunResult> sent = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                RunResult run = i % 3 == 0 ? empty("legacy") : ok("legacy");
                sent.add(run);
                history.onRun(run);
            }
            List<RunResult> recent = history.recent("legacy");
            assertEquals(30, recent.size());
            assertEquals(sent.get(15).id(), recent.get(0).id());
            assertEquals(sent.get(44).id(), recent.get(29).id());
            assertEquals(sent.subList(15, 45).stream().map(RunResult::outcome).toList(),
                    recent.stream().map(RunResult::outcome).toList());
        }

        @Test
        void stripEntriesAreSummariesWithoutTheTrace() {
            RunResult run = empty("legacy");
            history.onRun(run);
            RunResult summary = history.recent("legacy").get(0);
            assertEquals(run.detail(), summary.detail());
            assertEquals(run.startedAt(), summary.startedAt());
            assertTrue(summary.steps().isEmpty());
            assertEquals(4, history.run(run.id()).orElseThrow().steps().size(), "the full trace stays available by id");
        }

        @Test
        void latestIsTheLastRunReceived() {
            history.onRun(ok("fresh"));
            RunResult last = empty("fresh");
            history.onRun(last);
            assertEquals(last, history.latest("fresh").orElseThrow());
        }

        @Test
        void anAccountThatNeverRanHasNothing() {
            AccountHistory none = history.history("nobody");
            assertTrue(none.latest().isEmpty());
            assertTrue(none.lastFailure().isEmpty());
            assertTrue(none.lastSuccessAt().isEmpty());
            assertTrue(history.recent("nobody").isEmpty());
        }

        @Test
        void lastSuccessIsTheStartOfTheLastPassingRun() {
            RunResult passed = ok("legacy");
            history.onRun(passed);
            history.onRun(empty("legacy"));
            history.onRun(empty("legacy"));
            assertEquals(passed.startedAt(), history.lastSuccessAt("legacy").orElseThrow());
        }

        @Test
        void retainForgetsAccountsAReloadRemoved() {
            history.onRun(ok("fresh"));
            history.onRun(empty("legacy"));
            history.retain(Set.of("fresh"));
            assertTrue(history.latest("legacy").isEmpty());
            assertTrue(history.latest("fresh").isPresent());
        }

        @Test
        void rejectsASizeBelowOne() {
            assertThrows(IllegalArgumentException.class, () -> new RunHistory(0, 30));
            assertThrows(IllegalArgumentException.class, () -> new RunHistory(100, 0));
        }
    }

    @Test
    void concurrentWritersAndReadersStayBoundedAndNeverThrow() throws Exception {
        List<String> accounts = List.of("fresh", "halfyear", "legacy", "founder");
        int writers = 4;
        int perWriter = 3_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                WebFixtures own = WebFixtures.start();
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String account = accounts.get((writer + i) % accounts.size());
                        Instant when = WebFixtures.NOW.minusSeconds(perWriter - i);
                        history.onRun(i % 5 == 0 ? own.empty(account, "recent", 120, when) : own.ok(account, "new", 3, when));
                    }
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (writing.get()) {
                    for (String account : accounts) {
                        AccountHistory h = history.history(account);
                        assertTrue(h.recent().size() <= 30);
                        h.latest().ifPresent(latest -> assertEquals(account, latest.account()));
                        h.lastFailure().ifPresent(failure -> assertFalse(failure.passed()));
                        assertTrue(history.size() <= 100);
                    }
                    reads++;
                }
                return reads;
            });
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertTrue(reader.get(60, TimeUnit.SECONDS) > 0, "the reader read while writers wrote");
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(100, history.size());
        for (String account : accounts) {
            assertEquals(30, history.recent(account).size());
            assertTrue(history.latest(account).isPresent());
            assertFalse(history.lastFailure(account).isEmpty());
        }
    }
}
