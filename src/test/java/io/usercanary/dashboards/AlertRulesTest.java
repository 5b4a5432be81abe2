package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** dashboards/alerts.yml read as data: what each alert promises on-call, independent of promtool. */
class AlertRulesTest {
    static final String RUNBOOK_BASE = "https://github.com/usercanary/usercanary#runbook-";

    static Stream<JsonNode> alerts() {
        return DashboardQueries.ruleNodes().stream().filter(r -> r.hasNonNull("alert"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            UsercanaryEmptyDashboards,    critical
            UsercanaryCohortDivergence,   critical
            UsercanaryMismatch,           critical
            UsercanaryExchangeFailing,    critical
            UsercanaryBackendErrors,      critical
            UsercanaryLoginFailing,       warning
            UsercanarySlowRuns,           warning
            UsercanarySlowStep,           warning
            UsercanaryNoRecentRuns,       critical
            UsercanaryNeverRan,           critical
            UsercanaryTargetDown,         critical
            UsercanaryTargetMissing,      critical
            UsercanaryConfigReloadFailed, warning
            """)
    void alertPagesOrWarnsAsDecided(String name, String severity) {
        JsonNode alert = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + name));
        assertEquals(severity, alert.path("labels").path("severity").asText());
    }

    @Test
    void everyAlertIsInTheSeverityTable() {
        assertEquals(13, alerts().count(), "add the new alert to alertPagesOrWarnsAsDecided");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertNames")
    void alertHasSummaryDescriptionAndItsRunbookAnchor(String name) {
        JsonNode alert = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst().orElseThrow();
        JsonNode annotations = alert.path("annotations");
        assertFalse(annotations.path("summary").asText().isBlank(), "summary");
        assertFalse(annotations.path("description").asText().isBlank(), "description");
        assertEquals(RUNBOOK_BASE + name.toLowerCase(Locale.ROOT), annotations.path("runbook").asText());
    }

    static Stream<String> alertNames() {
        return alerts().map(a -> a.path("alert").asText());
    }

    @Test
    void everyAlertFiresInAtLeastOnePromtoolUnitTest() {
        Set<String> fired = new TreeSet<>();
        for (JsonNode test : DashboardQueries.readYaml(DashboardQueries.alertsTestYml()).path("tests")) {
            for (JsonNode case_ : test.path("alert_rule_test")) {
                if (!case_.path("exp_alerts").isEmpty()) {
                    fired.add(case_.path("alertname").asText());
                }
            }
        }
        Set<String> all = new TreeSet<>(alertNames().toList());
        all.removeAll(fired);
        assertEquals(Set.of(), all, "alerts without a firing test in alerts.test.yml");
    }

    @Test
    void recordingRulesPrecedeTheAlertsInOneGroup() {
        // Rules of one group run in order at one timestamp: the alerts then read this evaluation's records.
        JsonNode groups = DashboardQueries.readYaml(DashboardQueries.alertsYml()).path("groups");
        assertEquals(1, groups.size());
        List<String> kinds = new ArrayList<>();
        groups.get(0).path("rules").forEach(r -> kinds.add(r.hasNonNull("record") ? "record" : "alert"));
        assertEquals(kinds.lastIndexOf("record"), kinds.indexOf("alert") - 1, kinds.toString());
    }

    @Test
    void failureAlertsCountAtLeastTwoRunsSoOneTransientNeverFires() {
        for (String name : List.of("UsercanaryEmptyDashboards", "UsercanaryMismatch", "UsercanaryExchangeFailing",
                "UsercanaryBackendErrors", "UsercanaryLoginFailing", "UsercanaryCohortDivergence")) {
            JsonNode alert = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst().orElseThrow();
            assertTrue(alert.path("expr").asText().contains(">= 2"), name + " must require two failed runs");
            assertEquals("15s", alert.path("for").asText(), name + ": the TTD arithmetic assumes for: 15s");
        }
    }
}
