package io.usercanary.web;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CohortConfig;
import io.usercanary.config.Durations;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.store.AccountHistory;
import io.usercanary.store.ResultStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The config's accounts grouped by cohort, so "new accounts fine, older ones empty" shows at once. Order: the
 * config's cohorts, then cohorts named only on accounts (or by an older config), then "unknown".
 */
record CohortGroup(String cohort, String range, List<Row> rows) {
    static final String UNKNOWN = AccountConfig.UNKNOWN_COHORT;

    /** One account as the page shows it. */
    record Row(AccountConfig account, String cohort, AccountHistory history) {
        Optional<Outcome> outcome() {
            return history.latest().map(RunResult::outcome);
        }

        boolean failing() {
            return outcome().map(o -> !o.passed()).orElse(false);
        }

        String outcomeLabel() {
            return outcome().map(Outcome::label).orElse("pending");
        }
    }

    static List<CohortGroup> of(CanaryConfig config, ResultStore history) {
        Map<String, List<Row>> byCohort = new LinkedHashMap<>();
        for (CohortConfig cohort : config.cohorts()) {
            byCohort.put(cohort.name(), new ArrayList<>());
        }
        List<Row> unknown = new ArrayList<>();
        for (AccountConfig account : config.accounts()) {
            AccountHistory h = history.history(account.name());
            // The latest result carries the cohort its run derived: on a cluster, perhaps another replica's run.
            String cohort = account.cohortOr(h.latest().map(RunResult::cohort).orElse(null));
            Row row = new Row(account, cohort, h);
            if (cohort.equals(UNKNOWN)) {
                unknown.add(row);
            } else {
                byCohort.computeIfAbsent(cohort, c -> new ArrayList<>()).add(row);
            }
        }
        List<CohortGroup> groups = new ArrayList<>();
        byCohort.forEach((cohort, rows) -> {
            if (!rows.isEmpty()) {
                groups.add(new CohortGroup(cohort, range(config.cohorts(), cohort), rows));
            }
        });
        if (!unknown.isEmpty()) {
            groups.add(new CohortGroup(UNKNOWN, "no lookup yet, age not known", unknown));
        }
        return groups;
    }

    /** {@code failing}, {@code slow}, {@code ok} or {@code pending} (nothing ran yet). */
    String status() {
        if (rows.stream().anyMatch(Row::failing)) {
            return "failing";
        }
        if (rows.stream().allMatch(r -> r.outcome().isEmpty())) {
            return "pending";
        }
        return rows.stream().anyMatch(r -> r.outcome().orElse(null) == Outcome.SLOW) ? "slow" : "ok";
    }

    /** When the earliest of its failing accounts began failing; empty while none fails. */
    Optional<Instant> failingSince() {
        return rows.stream().filter(Row::failing).map(r -> r.history().failingSince())
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    long passing() {
        return rows.stream().filter(r -> r.outcome().map(Outcome::passed).orElse(false)).count();
    }

    long failing() {
        return rows.stream().filter(Row::failing).count();
    }

    /** "2/2 ok", "0/2 ok · 2 empty", "1/2 ok · 1 slow", "2 pending". */
    String label() {
        if (status().equals("pending")) {
            return rows.size() + " pending";
        }
        StringBuilder label = new StringBuilder().append(passing()).append('/').append(rows.size()).append(" ok");
        Map<String, Long> others = rows.stream()
                .filter(r -> r.outcome().orElse(null) != Outcome.OK)
                .collect(Collectors.groupingBy(Row::outcomeLabel, LinkedHashMap::new, Collectors.counting()));
        others.forEach((outcome, count) -> label.append(" · ").append(count).append(' ').append(outcome));
        return label.toString();
    }

    /** "up to 30 d", "30 d – 180 d", "older than 3 y"; "not in the config's cohorts" for the others. */
    private static String range(List<CohortConfig> cohorts, String name) {
        for (int i = 0; i < cohorts.size(); i++) {
            CohortConfig cohort = cohorts.get(i);
            if (cohort.name().equals(name)) {
                String from = i == 0 ? null : Durations.bound(cohorts.get(i - 1).maxAge());
                if (cohort.maxAge() == null) {
                    return from == null ? "every age" : "older than " + from;
                }
                String to = Durations.bound(cohort.maxAge());
                return from == null ? "up to " + to : from + " – " + to;
            }
        }
        return "not in the config's cohorts";
    }
}
