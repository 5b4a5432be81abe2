package io.usercanary.store;

import io.usercanary.probe.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One account's history at one moment, read under one lock so a page row is consistent.
 * {@code recent} is oldest first and holds summaries: outcome, time and detail, without steps or payload.
 * {@code failingSince} is when the first failed run after the last passing one started, empty while passing.
 */
public record AccountHistory(
        String account,
        Optional<RunResult> latest,
        Optional<RunResult> lastFailure,
        Optional<Instant> lastSuccessAt,
        Optional<Instant> failingSince,
        List<RunResult> recent) {

    public AccountHistory {
        recent = List.copyOf(recent);
    }

    public static AccountHistory none(String account) {
        return new AccountHistory(account, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The account's age from the newest run that reached the lookup, in seconds. */
    public Optional<Long> ageSeconds() {
        if (latest.flatMap(RunResult::ageSeconds).isPresent()) {
            return latest.flatMap(RunResult::ageSeconds);
        }
        for (int i = recent.size() - 1; i >= 0; i--) {
            if (recent.get(i).ageSeconds().isPresent()) {
                return recent.get(i).ageSeconds();
            }
        }
        return Optional.empty();
    }
}
