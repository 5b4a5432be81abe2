package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.usercanary.dashboards.DashboardQueries.Query;
import io.usercanary.dashboards.PromqlReferences.Matcher;
import io.usercanary.dashboards.PromqlReferences.Selector;
import io.usercanary.demo.TimelineOptions;
import io.usercanary.metrics.PrometheusText;
import io.usercanary.metrics.PrometheusText.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every series, label and literal label value that a dashboard or rule expression names exists in a live
 * scrape of the daemon probing the demo, taken after the demo's incident emptied two cohorts' dashboards:
 * the contract is checked against what the daemon really exports, not against a hand-written list
 * ({@link MetricsContract}, the hand-written list, is checked against the same scrape).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class LiveScrapeContractTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final TimelineOptions TIMELINE = TimelineOptions.of(Duration.ofSeconds(2), Duration.ofHours(1));
    private static final Duration ROUNDS_TIMEOUT = Duration.ofSeconds(45);
    /** Series Prometheus makes itself: never in a scrape. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");
    /** Labels Prometheus attaches to every scraped series. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    /** A matcher value that is a plain word or an alternation of them, e.g. {@code ok|slow}: checked value by value. */
    private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9_]+(\\|[A-Za-z0-9_]+)*");

    /** Metric name, label, values seen: from the scrape Prometheus would take. */
    private Map<String, Map<String, Set<String>>> live;
    private PrometheusText openMetrics;
    private PrometheusText text;

    @BeforeAll
    void runTheDemoThroughAnIncidentRound() throws Exception {
        try (RunningDemo demo = RunningDemo.start(INTERVAL, TIMELINE)) {
            long deadline = System.nanoTime() + ROUNDS_TIMEOUT.toNanos();
            PrometheusText scrape = demo.scrape(RunningDemo.PROMETHEUS_ACCEPT);
            while (!incidentRoundDone(scrape)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the demo did not run an incident round within " + ROUNDS_TIMEOUT
                            + "; runs: " + scrape.named("usercanary_runs_total"));
                }
                Thread.sleep(200);
                scrape = demo.scrape(RunningDemo.PROMETHEUS_ACCEPT);
            }
            openMetrics = scrape;
            text = demo.scrape(RunningDemo.TEXT_ACCEPT);
        }
        live = index(openMetrics);
    }

    /** The middle cohorts came back empty at least once, and every account ran after the incident began. */
    private static boolean incidentRoundDone(PrometheusText scrape) {
        for (String cohort : List.of("recent", "established")) {
            if (sum(scrape.find("usercanary_runs_total", "cohort", cohort, "outcome", "empty")) < 1
                    || sum(scrape.find("usercanary_check_results_total", "cohort", cohort, "outcome", "empty")) < 1) {
                return false;
            }
        }
        // At 1 s intervals, four runs of an account reach past the incident at 2 s.
        for (String cohort : List.of("new", "recent", "established", "veteran")) {
            if (sum(scrape.find("usercanary_runs_total", "cohort", cohort)) < 4) {
                return false;
            }
        }
        return !scrape.named("usercanary_payload_items").isEmpty();
    }

    @Test
    void everySeriesTheDashboardAndRulesQueryIsScrapedRecordedOrMadeByPrometheus() {
        Set<String> recorded = DashboardQueries.recordedNames();
        List<String> unknown = new ArrayList<>();
        for (Query query : DashboardQueries.all()) {
            for (String metric : query.references().metricNames()) {
                if (!live.containsKey(metric) && !recorded.contains(metric) && !PROMETHEUS_SERIES.contains(metric)
                        && !MetricsContract.clusterMetricNames().contains(metric)) {
                    unknown.add(query + ": " + metric);
                }
            }
        }
        assertEquals(List.of(), unknown, "not in the live scrape: " + live.keySet());
    }

    @Test
    void everyLabelTheyMatchOnIsOnThatSeries() {
        List<String> missing = new ArrayList<>();
        for (Query query : DashboardQueries.all()) {
            for (Selector selector : query.references().selectors()) {
                Set<String> allowed = labelsOf(selector.metric());
                for (String label : selector.labels()) {
                    if (!allowed.contains(label)) {
                        missing.add(query + ": " + selector.metric() + " has no label " + label + " (has " + allowed + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyLabelTheyGroupByIsInTheScrape() {
        Set<String> allowed = new TreeSet<>(TARGET_LABELS);
        live.values().forEach(labels -> allowed.addAll(labels.keySet()));
        allowed.add("alertname");
        List<String> missing = new ArrayList<>();
        for (Query query : DashboardQueries.all()) {
            Set<String> grouping = new TreeSet<>(query.references().groupingLabels());
            grouping.removeAll(allowed);
            if (!grouping.isEmpty()) {
                missing.add(query + ": " + grouping);
            }
        }
        assertEquals(List.of(), missing, "grouping labels no scraped series has");
    }

    @Test
    void everyLiteralValueTheyMatchIsAValueOfThatLabel() {
        // outcome="empty", outcome!~"ok|slow|login_failed", step="login": a typo selects nothing, silently.
        List<String> missing = new ArrayList<>();
        for (Query query : DashboardQueries.all()) {
            for (Selector selector : query.references().selectors()) {
                if (PROMETHEUS_SERIES.contains(selector.metric())) {
                    continue;
                }
                for (Matcher matcher : selector.matchers()) {
                    if (!labelsOf(selector.metric()).contains(matcher.label())) {
                        continue; // everyLabelTheyMatchOnIsOnThatSeries reports it
                    }
                    for (String value : literalValues(matcher)) {
                        Set<String> seen = valuesOf(selector.metric(), matcher.label());
                        if (!seen.contains(value)) {
                            missing.add(query + ": " + selector.metric() + "{" + matcher.label() + "=\"" + value
                                    + "\"} (seen " + seen + ")");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theHandWrittenContractIsWhatTheDaemonExports() {
        List<String> wrong = new ArrayList<>();
        for (String metric : MetricsContract.metricNames()) {
            if (!live.containsKey(metric)) {
                wrong.add(metric + " is not scraped");
                continue;
            }
            Set<String> promised = new TreeSet<>(MetricsContract.labelsOf(metric).orElseThrow());
            promised.removeAll(TARGET_LABELS);
            Set<String> scraped = new TreeSet<>(live.get(metric).keySet());
            if (!promised.equals(scraped)) {
                wrong.add(metric + " has labels " + scraped + ", the contract says " + promised);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyOutcomeIsExportedForEveryAccountWithTheIncidentsOwnNonZero() {
        Set<String> outcomes = live.get("usercanary_runs_total").get("outcome");
        assertEquals(new TreeSet<>(MetricsContract.OUTCOMES), outcomes);
        assertTrue(sum(openMetrics.find("usercanary_runs_total", "cohort", "recent", "outcome", "empty")) >= 1);
        assertTrue(sum(openMetrics.find("usercanary_runs_total", "cohort", "established", "outcome", "empty")) >= 1);
    }

    @Test
    void textAndOpenMetricsScrapesExportTheSameUsercanarySeries() {
        // Prometheus 2 asks for OpenMetrics, Prometheus 3 and curl may get text 0.0.4.
        assertEquals(usercanaryNames(openMetrics), usercanaryNames(text));
    }

    /** The labels a selector may match on: the series' own (scraped, or of the scraped series it is recorded from). */
    private Set<String> labelsOf(String metric) {
        Set<String> labels = new TreeSet<>(TARGET_LABELS);
        switch (metric) {
            case "up" -> { }
            case "ALERTS", "ALERTS_FOR_STATE" -> {
                labels.addAll(Set.of("alertname", "alertstate"));
                labels.addAll(ruleLabelKeys());
                // An alert carries the labels its expression kept.
                live.values().forEach(byLabel -> labels.addAll(byLabel.keySet()));
            }
            default -> sourcesOf(metric).forEach(source -> labels.addAll(live.getOrDefault(source, Map.of()).keySet()));
        }
        labels.add("le");
        return labels;
    }

    private Set<String> valuesOf(String metric, String label) {
        Set<String> values = new TreeSet<>();
        if (label.equals("outcome")) {
            // Every outcome is a value of every outcome label (the runs counter proves the set); a streak
            // series shows only the outcomes failing right now.
            values.addAll(MetricsContract.OUTCOMES);
        }
        sourcesOf(metric).forEach(source -> values.addAll(live.getOrDefault(source, Map.of()).getOrDefault(label, Set.of())));
        return values;
    }

    /** The scraped series a name stands for: itself, or for a recorded name those its rule reads, transitively. */
    private static Set<String> sourcesOf(String metric) {
        Set<String> sources = new LinkedHashSet<>();
        for (JsonNode rule : DashboardQueries.ruleNodes()) {
            if (metric.equals(rule.path("record").asText(null))) {
                PromqlReferences.of(rule.path("expr").asText()).metricNames().forEach(m -> sources.addAll(sourcesOf(m)));
                return sources;
            }
        }
        return Set.of(metric);
    }

    private static Set<String> ruleLabelKeys() {
        Set<String> keys = new TreeSet<>();
        DashboardQueries.ruleNodes().forEach(rule -> rule.path("labels").fieldNames().forEachRemaining(keys::add));
        return keys;
    }

    /** The values a matcher names literally: none for variables, empty strings and real regular expressions. */
    private static List<String> literalValues(Matcher matcher) {
        String value = matcher.value();
        if (value.isEmpty() || value.contains("$") || matcher.label().equals("__name__")) {
            return List.of();
        }
        boolean regex = matcher.op().contains("~");
        if (!regex) {
            return List.of(value);
        }
        return WORDS.matcher(value).matches() ? List.of(value.split("\\|")) : List.of();
    }

    private static Map<String, Map<String, Set<String>>> index(PrometheusText scrape) {
        Map<String, Map<String, Set<String>>> index = new TreeMap<>();
        for (Sample sample : scrape.samples()) {
            Map<String, Set<String>> labels = index.computeIfAbsent(sample.name(), n -> new TreeMap<>());
            sample.labels().forEach((k, v) -> labels.computeIfAbsent(k, l -> new TreeSet<>()).add(v));
        }
        return index;
    }

    private static Set<String> usercanaryNames(PrometheusText scrape) {
        Set<String> names = new TreeSet<>(scrape.names());
        names.removeIf(n -> !n.startsWith("usercanary_"));
        return names;
    }

    private static double sum(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).sum();
    }
}
