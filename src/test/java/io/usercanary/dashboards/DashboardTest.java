package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.usercanary.dashboards.DashboardQueries.Query;
import io.usercanary.dashboards.DashboardQueries.Source;
import io.usercanary.dashboards.PromqlReferences.Matcher;
import io.usercanary.dashboards.PromqlReferences.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** dashboards/usercanary.json, read with Jackson as Grafana would import it. */
class DashboardTest {
    private static final JsonNode DASHBOARD = DashboardQueries.readJson(DashboardQueries.dashboardJson());
    private static final List<JsonNode> PANELS = DashboardQueries.panels(DASHBOARD);
    private static final String DATASOURCE = "${datasource}";

    /** The rows in the order on-call asks, and the panels under each, top to bottom. */
    private static final Map<String, List<String>> LAYOUT = layout();

    private static Map<String, List<String>> layout() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Is anything empty right now?", List.of(
                "Empty share of runs per cohort (last 5 min)", "Passing share of runs per cohort (last 5 min)",
                "Accounts failing their last run", "Firing usercanary alerts"));
        m.put("Since when, and for whom?", List.of(
                "Failing share of runs per cohort", "Outcomes of cohort $cohort (runs per minute)",
                "Accounts by cohort: age and last run",
                        "Confirmed failures: runs in a row per account, with the first failing assertion",
                        "Cohort age bounds (days) and the status page"));
        m.put("Where in the flow?", List.of(
                "Failed runs by outcome (runs per minute)", "Failed checks by check and outcome (per minute)",
                "Firebase error codes (per minute)", "Failed runs per account in the time range"));
        m.put("How slow?", List.of("p95 duration per step", "p50 duration per step", "Slow share of runs per cohort"));
        m.put("How much data do the accounts see?", List.of(
                "Items at each asserted JSON pointer", "Item count change against 24 h earlier"));
        m.put("Is the canary itself alive?", List.of(
                "Seconds since last run per account", "Seconds since last passing run per account",
                "Scrape target up", "Probe interval", "Last config reload", "Last successful config reload",
                "Build info"));
        return m;
    }

    @Nested
    class Import {
        @Test
        void hasAStableUidAndACurrentSchema() {
            assertEquals("usercanary", DASHBOARD.path("uid").asText());
            assertTrue(DASHBOARD.path("schemaVersion").asInt() >= 39, "schemaVersion");
            assertTrue(DASHBOARD.path("id").isNull(), "id must be null so import creates or overwrites by uid");
        }

        @Test
        void choosesItsPrometheusThroughADatasourceVariable() {
            JsonNode variable = variable("datasource");
            assertEquals("datasource", variable.path("type").asText());
            assertEquals("prometheus", variable.path("query").asText());
        }

        @Test
        void everyPanelAndTargetUsesTheDatasourceVariable() {
            List<String> wrong = new ArrayList<>();
            for (JsonNode panel : PANELS) {
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                String title = panel.path("title").asText();
                if (!panel.path("targets").isArray() || panel.path("targets").isEmpty()) {
                    wrong.add(title + ": no targets");
                }
                checkDatasource(panel.path("datasource"), "panel " + title, wrong);
                panel.path("targets").forEach(t -> checkDatasource(t.path("datasource"),
                        "panel " + title + " target " + t.path("refId").asText(), wrong));
            }
            DASHBOARD.path("annotations").path("list").forEach(a -> {
                if (a.hasNonNull("expr")) {
                    checkDatasource(a.path("datasource"), "annotation " + a.path("name").asText(), wrong);
                }
            });
            DASHBOARD.path("templating").path("list").forEach(v -> {
                if (v.path("type").asText().equals("query")) {
                    checkDatasource(v.path("datasource"), "variable " + v.path("name").asText(), wrong);
                }
            });
            assertEquals(List.of(), wrong);
        }

        @Test
        void panelIdsAreUnique() {
            Set<Integer> ids = new HashSet<>();
            PANELS.forEach(p -> assertTrue(ids.add(p.path("id").asInt()), "duplicate panel id " + p.path("id")));
        }

        private void checkDatasource(JsonNode datasource, String where, List<String> wrong) {
            if (!datasource.path("uid").asText().equals(DATASOURCE) || !datasource.path("type").asText().equals("prometheus")) {
                wrong.add(where + ": datasource " + datasource);
            }
        }
    }

    @Nested
    class Variables {
        @Test
        void filterByEnvironmentLocationCohortAndAccountFromLabelValues() {
            List<String> names = new ArrayList<>();
            DASHBOARD.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
            assertEquals(List.of("datasource", "environment", "location", "cohort", "account"), names);
            for (String name : List.of("environment", "location", "cohort", "account")) {
                JsonNode variable = variable(name);
                assertEquals("query", variable.path("type").asText(), name);
                assertTrue(variable.path("definition").asText().startsWith("label_values("), name);
                assertTrue(variable.path("definition").asText().endsWith(", " + name + ")"), name);
                assertTrue(variable.path("includeAll").asBoolean(), name + " offers All");
            }
        }

        @Test
        void environmentAndLocationMatchTheEmptyStringUnderAll() {
            // label_values never lists "", and location is "" when unset: All must be .* to keep those series.
            assertEquals(".*", variable("environment").path("allValue").asText());
            assertEquals(".*", variable("location").path("allValue").asText());
        }

        @Test
        void everyDaemonSelectorOnAPanelFiltersByEachVariableItsLabelsAllow() {
            List<String> missing = new ArrayList<>();
            for (Query query : DashboardQueries.dashboard()) {
                if (query.where().startsWith("variable ")) {
                    continue; // a variable filters only by the ones before it
                }
                for (Selector selector : query.references().selectors()) {
                    Set<String> labels = MetricsContract.labelsOf(selector.metric()).orElse(Set.of());
                    for (String variable : List.of("environment", "location", "cohort", "account")) {
                        if (!labels.contains(variable)) {
                            continue;
                        }
                        Matcher expected = new Matcher(variable, "=~", "$" + variable);
                        boolean allowedByAccount = variable.equals("cohort") && !labels.contains("cohort");
                        if (!selector.matchers().contains(expected) && !allowedByAccount) {
                            missing.add(query + ": " + selector.metric() + " lacks " + variable + "=~\"$" + variable + "\"");
                        }
                    }
                }
            }
            assertEquals(List.of(), missing);
        }
    }

    @Nested
    class Layout {
        @Test
        void rowsAskTheOnCallQuestionsInOrderWithTheirPanels() {
            Map<String, List<String>> actual = new LinkedHashMap<>();
            List<String> current = null;
            for (JsonNode panel : DASHBOARD.path("panels")) {
                if (panel.path("type").asText().equals("row")) {
                    current = new ArrayList<>();
                    actual.put(panel.path("title").asText(), current);
                    panel.path("panels").forEach(nested -> actual.get(panel.path("title").asText()).add(nested.path("title").asText()));
                } else {
                    assertNotNull(current, "panel before the first row: " + panel.path("title").asText());
                    current.add(panel.path("title").asText());
                }
            }
            assertEquals(LAYOUT, actual);
        }

        @Test
        void panelsAreListedTopToBottomAndFitTheGrid() {
            int lastY = -1;
            for (JsonNode panel : DASHBOARD.path("panels")) {
                JsonNode grid = panel.path("gridPos");
                String title = panel.path("title").asText();
                assertTrue(grid.path("y").asInt() >= lastY, title + " is above the panel listed before it");
                assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, title + " is wider than the grid");
                assertTrue(grid.path("h").asInt() > 0, title + " has no height");
                lastY = grid.path("y").asInt();
            }
        }

        @Test
        void theCohortOutcomesPanelRepeatsPerCohort() {
            JsonNode panel = panel("Outcomes of cohort $cohort (runs per minute)");
            assertEquals("cohort", panel.path("repeat").asText());
            assertTrue(variable("cohort").path("multi").asBoolean());
        }

        @Test
        void theEmptyStatTurnsRedOnAnyEmptyRun() {
            JsonNode steps = panel("Empty share of runs per cohort (last 5 min)")
                    .path("fieldConfig").path("defaults").path("thresholds").path("steps");
            assertEquals("green", steps.get(0).path("color").asText());
            assertEquals("red", steps.get(steps.size() - 1).path("color").asText());
            assertTrue(steps.get(steps.size() - 1).path("value").asDouble() <= 0.01,
                    "red must start at the first empty run, not at a share");
        }
    }

    @Nested
    class Queries {
        @Test
        void collectsEveryDashboardAndRuleExpression() {
            List<Query> all = DashboardQueries.all();
            long targets = PANELS.stream().mapToLong(p -> p.path("targets").size()).sum();
            assertTrue(all.stream().filter(q -> q.source() == Source.DASHBOARD).count() > targets, "targets + variables + annotations");
            assertEquals(DashboardQueries.ruleNodes().size(), all.stream().filter(q -> q.source() == Source.RULES).count());
            all.forEach(q -> assertFalse(q.expr().isBlank(), q + " is blank"));
        }

        @Test
        void renderedQueriesHaveNoGrafanaVariablesLeft() {
            DashboardQueries.all().forEach(q -> assertFalse(q.rendered().contains("$"), q + ": " + q.rendered()));
        }

        @Test
        void useOnlyContractSeriesRecordedSeriesUpAndAlerts() {
            Set<String> recorded = DashboardQueries.recordedNames();
            List<String> unknown = new ArrayList<>();
            for (Query query : DashboardQueries.all()) {
                for (Selector selector : query.references().selectors()) {
                    Set<String> allowed = allowedLabels(selector.metric(), recorded);
                    if (allowed == null) {
                        unknown.add(query + ": unknown series " + selector.metric());
                    } else if (!allowed.containsAll(selector.labels())) {
                        Set<String> extra = new TreeSet<>(selector.labels());
                        extra.removeAll(allowed);
                        unknown.add(query + ": " + selector.metric() + " has no label " + extra);
                    }
                }
                Set<String> grouping = new TreeSet<>(query.references().groupingLabels());
                grouping.removeAll(MetricsContract.allLabels());
                grouping.remove("alertname");
                if (!grouping.isEmpty()) {
                    unknown.add(query + ": groups by unknown labels " + grouping);
                }
            }
            assertEquals(List.of(), unknown);
        }

        @Test
        void everyContractSeriesIsOnTheDashboard() {
            Set<String> used = new TreeSet<>();
            DashboardQueries.dashboard().forEach(q -> used.addAll(q.references().metricNames()));
            Set<String> missing = new TreeSet<>(MetricsContract.metricNames());
            missing.removeAll(used);
            missing.removeAll(Set.of("usercanary_step_duration_seconds_sum", "usercanary_step_duration_seconds_count"));
            assertEquals(Set.of(), missing);
        }

        @Test
        void outcomeMatchersUseOnlyTheContractOutcomes() {
            List<String> wrong = new ArrayList<>();
            for (Query query : DashboardQueries.all()) {
                for (Selector selector : query.references().selectors()) {
                    for (Matcher m : selector.matchers()) {
                        if (m.label().equals("outcome")) {
                            for (String value : m.value().split("\\|")) {
                                if (!MetricsContract.OUTCOMES.contains(value)) {
                                    wrong.add(query + ": outcome " + value);
                                }
                            }
                        }
                    }
                }
            }
            assertEquals(List.of(), wrong);
        }

        private Set<String> allowedLabels(String metric, Set<String> recorded) {
            if (recorded.contains(metric)) {
                return Set.of("environment", "location", "cohort", "outcome");
            }
            return switch (metric) {
                case "up" -> MetricsContract.TARGET_LABELS;
                case "ALERTS" -> Set.of("alertname", "alertstate", "severity");
                default -> MetricsContract.labelsOf(metric).orElse(null);
            };
        }
    }

    private static JsonNode variable(String name) {
        for (JsonNode v : DASHBOARD.path("templating").path("list")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    private static JsonNode panel(String title) {
        return PANELS.stream().filter(p -> p.path("title").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
    }
}
