package io.usercanary.web;

import io.usercanary.probe.Outcome;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The status page's one line: "2 of 4 accounts failing: empty in recent, established". */
record Summary(String status, int accounts, int failing, String text) {

    static Summary of(List<CohortGroup> groups) {
        List<CohortGroup.Row> rows = groups.stream().flatMap(g -> g.rows().stream()).toList();
        int accounts = rows.size();
        int failing = (int) rows.stream().filter(CohortGroup.Row::failing).count();
        int pending = (int) rows.stream().filter(r -> r.outcome().isEmpty()).count();
        int slow = (int) rows.stream().filter(r -> r.outcome().orElse(null) == Outcome.SLOW).count();
        if (failing > 0) {
            return new Summary("failing", accounts, failing,
                    failing + " of " + accounts + " accounts failing: " + where(rows, r -> r.failing()));
        }
        if (pending == accounts) {
            return new Summary("pending", accounts, 0, "No runs yet: " + accounts + " accounts pending");
        }
        StringBuilder text = new StringBuilder(pending == 0 ? "All " + accounts + " accounts ok"
                : (accounts - pending) + " of " + accounts + " accounts ok, " + pending + " pending");
        if (slow > 0) {
            text.append("; ").append(where(rows, r -> r.outcome().orElse(null) == Outcome.SLOW));
        }
        return new Summary(slow > 0 ? "slow" : "ok", accounts, 0, text.toString());
    }

    /** A prefix for the browser tab, so a failing canary shows in a tab bar. */
    String titlePrefix() {
        return switch (status) {
            case "failing" -> "✗ " + failing + " failing · ";
            case "slow" -> "! slow · ";
            default -> "";
        };
    }

    /** "empty in recent, established; login_failed in veteran", cohorts in page order. */
    private static String where(List<CohortGroup.Row> rows, Predicate<CohortGroup.Row> which) {
        Map<String, Set<String>> cohortsByOutcome = new LinkedHashMap<>();
        for (CohortGroup.Row row : rows) {
            if (which.test(row)) {
                cohortsByOutcome.computeIfAbsent(row.outcomeLabel(), o -> new LinkedHashSet<>()).add(row.cohort());
            }
        }
        return cohortsByOutcome.entrySet().stream()
                .map(e -> e.getKey() + " in " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
