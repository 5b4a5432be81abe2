package io.usercanary.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a served status page says, read from its stable hooks: {@code tr.account[data-account][data-cohort]
 * [data-outcome]} and {@code section.cohort[data-cohort][data-status]}, in page order.
 */
public record StatusPageRows(Map<String, String> outcomeByAccount, Map<String, String> cohortByAccount,
        Map<String, String> statusByCohort) {
    private static final Pattern ROW = Pattern.compile(
            "<tr class=\"account\" data-account=\"([^\"]+)\" data-cohort=\"([^\"]+)\" data-outcome=\"([^\"]+)\"");
    private static final Pattern SECTION = Pattern.compile(
            "<section class=\"cohort\" data-cohort=\"([^\"]+)\" data-status=\"([^\"]+)\"");

    public static StatusPageRows parse(String html) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> cohorts = new LinkedHashMap<>();
        for (Matcher m = ROW.matcher(html); m.find(); ) {
            cohorts.put(m.group(1), m.group(2));
            outcomes.put(m.group(1), m.group(3));
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Matcher m = SECTION.matcher(html); m.find(); ) {
            statuses.put(m.group(1), m.group(2));
        }
        return new StatusPageRows(outcomes, cohorts, statuses);
    }

    /** Each cohort's latest outcome: its accounts' distinct outcomes, sorted and joined with {@code +} when they differ. */
    public Map<String, String> outcomeByCohort() {
        Map<String, Set<String>> byCohort = new LinkedHashMap<>();
        outcomeByAccount.forEach((account, outcome) ->
                byCohort.computeIfAbsent(cohortByAccount.get(account), c -> new TreeSet<>()).add(outcome));
        Map<String, String> joined = new LinkedHashMap<>();
        byCohort.forEach((cohort, outcomes) -> joined.put(cohort, String.join("+", outcomes)));
        return joined;
    }
}
