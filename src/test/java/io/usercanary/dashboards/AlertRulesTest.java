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
            UsercanaryInternalErrors,     warning
            UsercanaryPartialDataLoss,    warning
            UsercanaryClusterDatabaseDown, critical
            UsercanaryClusterMemberMissing, warning
            """)
    void alertPagesOrWarnsAsDecided(String name, String severity) {
        JsonNode alert = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + name));
        assertEquals(severity, alert.path("labels").path("severity").asText());
    }

    @Test
    void everyAlertIsInTheSeverityTable() {
        assertEquals(17, alerts().count(), "add the new alert to alertPagesOrWarnsAsDecided");
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
    void failureAlertsNeedTwoFailedRunsInARowSoOneTransientNeverFires() {
        // The confirmation run proves persistence: an exact count read from one sample, so no for: (the TTD arithmetic).
        for (String name : List.of("UsercanaryEmptyDashboards", "UsercanaryMismatch", "UsercanaryExchangeFailing",
                "UsercanaryBackendErrors", "UsercanaryLoginFailing", "UsercanaryCohortDivergence")) {
            JsonNode alert = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst().orElseThrow();
            String expr = alert.path("expr").asText();
            assertTrue(expr.contains("usercanary_consecutive_failures") && expr.contains(">= 2"), name + " must require two failed runs in a row");
            assertFalse(expr.contains("increase("), name + " must not read an extrapolated window");
            assertTrue(alert.path("for").isMissingNode(), name + ": the TTD arithmetic assumes no for:");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            UsercanaryEmptyDashboards
            UsercanaryCohortDivergence
            UsercanaryMismatch
            UsercanaryExchangeFailing
            UsercanaryBackendErrors
            UsercanaryLoginFailing
            """)
    void perCohortAlertsSayWhatAndForWhomAndLinkTheStatusPage(String name) {
        JsonNode annotations = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst().orElseThrow().path("annotations");
        for (String key : List.of("summary", "assertion", "status_page")) {
            assertFalse(annotations.path(key).asText().isBlank(), name + " has no " + key);
        }
        assertTrue(annotations.path("summary").asText().contains("usercanary_cohort_min_age_seconds"), "the cohort's ages");
        assertFalse(annotations.toString().contains("humanizePercentage"), "whole runs, no extrapolated fractions");
    }

    @Test
    void backendAndDivergenceAlertsNeverCountCanaryBugsOrLogins() {
        for (String name : List.of("UsercanaryBackendErrors", "UsercanaryCohortDivergence")) {
            String expr = alerts().filter(a -> a.path("alert").asText().equals(name)).findFirst().orElseThrow().path("expr").asText();
            assertTrue(!expr.contains("internal_error") || expr.contains("!~\"login_failed|internal_error\""), name + ": " + expr);
            assertFalse(expr.matches("(?s).*outcome=~\"[^\"]*(internal_error|login_failed).*"), name + ": " + expr);
        }
    }
}
