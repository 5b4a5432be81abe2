package io.usercanary.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.AccountStates;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import io.usercanary.store.RunHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas sharing one result store confirm each failing streak once, whichever of them runs the account. */
class ClusterConfirmationTest {
    private static final CanaryConfig CONFIG = DaemonConfigs.offline(List.of("legacy"), "{ interval: 60s, jitter: 0s, timeout: 5s }");

    @Test
    void aStreakIsConfirmedOnceWhenItsRunsAlternateBetweenReplicas() {
        RunHistory shared = new RunHistory();
        Iterator<Outcome> outcomes = List.of(Outcome.OK, Outcome.EMPTY, Outcome.EMPTY, Outcome.EMPTY, Outcome.OK,
                Outcome.TIMEOUT, Outcome.TIMEOUT).iterator();
        Probe probe = account -> result(outcomes.next());
        ScheduledRuns a = replica(probe, shared);
        ScheduledRuns b = replica(probe, shared);
        List<String> confirmed = new ArrayList<>();
        ScheduledRuns[] order = {a, b, a, b, a, b, a};
        for (int i = 0; i < order.length; i++) {
            order[i].run("legacy");
            if (order[i].takeConfirmation("legacy")) {
                confirmed.add("run " + i);
            }
        }
        assertEquals(List.of("run 1", "run 5"), confirmed, "each streak's first failure, and nothing else");
    }

    private static ScheduledRuns replica(Probe probe, RunHistory shared) {
        ScheduledRuns runner = new ScheduledRuns(CONFIG, probe, new AccountStates(CONFIG), List.<RunListener>of(shared),
                Clock.systemUTC(), CanarySchedulerTest.punctuality());
        runner.confirmFirstFailuresFrom(account -> shared.history(account).failingSince());
        return runner;
    }

    private static long ids;
    private static Instant at = Instant.parse("2026-12-01T10:00:00Z");

    private static RunResult result(Outcome outcome) {
        at = at.plusSeconds(60);
        return new RunResult(++ids, "legacy", "established", Optional.empty(), at, Duration.ofMillis(5), outcome, "",
                List.of(), List.of(), Optional.empty(), "password");
    }
}
