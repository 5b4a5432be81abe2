package io.usercanary.report;

import io.usercanary.probe.RunResult;
import java.time.Instant;
import java.util.List;

/** The results of running every account once, with what they ran against. */
public record RoundReport(String environment, String location, Instant startedAt, List<RunResult> results) {
    public RoundReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(RunResult::passed);
    }

    /** Whole days, for people; empty when the lookup was not reached. */
    static String ageDays(RunResult result) {
        return result.ageSeconds().map(s -> (s / 86_400) + "d").orElse("-");
    }
}
