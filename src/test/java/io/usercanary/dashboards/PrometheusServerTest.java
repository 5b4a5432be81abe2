package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.usercanary.dashboards.PrometheusServer.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A real Prometheus scraping a fake canary every second and evaluating the real dashboards/alerts.yml:
 * scrape, recording rules, alert rules and the HTTP API, end to end.
 */
@Tag("component")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PrometheusServerTest {
    private StaticMetricsTarget target;
    private PrometheusServer prometheus;

    @BeforeAll
    void start() throws Exception {
        target = StaticMetricsTarget.serve(PrometheusServerTest::incident);
        prometheus = PrometheusServer.builder()
                .target(target.hostPort())
                .ruleFile(DashboardQueries.alertsYml())
                .scrapeInterval(Duration.ofSeconds(1))
                .evaluationInterval(Duration.ofSeconds(1))
                .start();
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.close();
        }
    }

    /**
     * Cohort "new" passes, cohort "established" comes back empty; every scrape stands for one more run
     * of each account, so with 1 s scrapes its streak of failed runs passes 2 within seconds.
     */
    static String incident(int scrape) {
        long now = System.currentTimeMillis() / 1000;
        String common = "environment=\"e2e\",location=\"\"";
        StringBuilder text = new StringBuilder("# TYPE usercanary_runs_total counter\n");
        for (String[] a : new String[][] {{"new-1", "new"}, {"old-1", "established"}}) {
            boolean failing = a[1].equals("established");
            for (String outcome : MetricsContract.OUTCOMES) {
                long value = outcome.equals(failing ? "empty" : "ok") ? scrape : 0;
                text.append("usercanary_runs_total{").append(common).append(",account=\"").append(a[0])
                        .append("\",cohort=\"").append(a[1]).append("\",outcome=\"").append(outcome).append("\"} ")
                        .append(value).append('\n');
            }
        }
        text.append("# TYPE usercanary_up gauge\n")
                .append("usercanary_up{").append(common).append(",account=\"new-1\",cohort=\"new\"} 1\n")
                .append("usercanary_up{").append(common).append(",account=\"old-1\",cohort=\"established\"} 0\n")
                .append("# TYPE usercanary_consecutive_failures gauge\n")
                .append("usercanary_consecutive_failures{").append(common)
                .append(",account=\"old-1\",cohort=\"established\",outcome=\"empty\",check=\"overview\",assertion=\"notEmpty /widgets\"} ")
                .append(scrape).append('\n')
                .append("# TYPE usercanary_last_run_timestamp_seconds gauge\n")
                .append("usercanary_last_run_timestamp_seconds{").append(common).append(",account=\"new-1\",cohort=\"new\"} ").append(now).append('\n')
                .append("usercanary_last_run_timestamp_seconds{").append(common).append(",account=\"old-1\",cohort=\"established\"} ").append(now).append('\n')
                .append("# TYPE usercanary_schedule_interval_seconds gauge\n")
                .append("usercanary_schedule_interval_seconds{").append(common).append("} 10\n")
                .append("# TYPE usercanary_config_last_reload_successful gauge\n")
                .append("usercanary_config_last_reload_successful{").append(common).append("} 1\n");
        return text.toString();
    }

    @Test
    void scrapesTheTargetAndAnswersInstantQueries() throws Exception {
        JsonNode result = awaitResult("usercanary_up", 2, Duration.ofSeconds(30));

        Set<String> accounts = stream(result).map(s -> s.path("metric").path("account").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("new-1", "old-1"), accounts);
        JsonNode metric = result.get(0).path("metric");
        assertEquals("usercanary", metric.path("job").asText());
        assertEquals(target.hostPort(), metric.path("instance").asText());
        assertTrue(target.scrapes() > 0);
    }

    @Test
    void theRealRulesFireForTheEmptyCohortOnly() throws Exception {
        List<Alert> empty = prometheus.awaitAlert("UsercanaryEmptyDashboards", "firing", Duration.ofSeconds(60));
        List<Alert> divergence = prometheus.awaitAlert("UsercanaryCohortDivergence", "firing", Duration.ofSeconds(30));

        assertEquals(List.of(Map.of("alertname", "UsercanaryEmptyDashboards", "cohort", "established",
                "environment", "e2e", "outcome", "empty", "severity", "critical")), labels(empty));
        assertEquals(List.of(Map.of("alertname", "UsercanaryCohortDivergence", "cohort", "established",
                "environment", "e2e", "severity", "critical")), labels(divergence));
        assertTrue(empty.get(0).annotations().get("runbook").endsWith("#runbook-usercanaryemptydashboards"));
        List<Alert> all = prometheus.alerts();
        assertFalse(all.stream().anyMatch(a -> "new".equals(a.labels().get("cohort"))), all.toString());
        assertFalse(all.stream().anyMatch(a -> a.name().startsWith("UsercanaryTarget")), all.toString());
    }

    @Test
    void recordingRulesAreQueryable() throws Exception {
        JsonNode result = awaitResult("cohort_outcome:usercanary_runs:ratio5m{outcome=\"empty\", cohort=\"established\"} == 1",
                1, Duration.ofSeconds(30));

        assertEquals("established", result.get(0).path("metric").path("cohort").asText());
    }

    @Test
    void closingStopsTheProcessAndDeletesItsData() throws Exception {
        PrometheusServer other = PrometheusServer.builder().target(target.hostPort()).start();
        ProcessHandle process = other.processHandle();

        other.close();

        assertFalse(process.isAlive());
        assertFalse(other.directory().toFile().exists());
    }

    private JsonNode awaitResult(String promql, int size, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode result = prometheus.query(promql);
        while (result.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(200);
            result = prometheus.query(promql);
        }
        assertEquals(size, result.size(), promql + " gave " + result + "\n" + prometheus.targets() + "\n" + prometheus.log());
        return result;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<Map<String, String>> labels(List<Alert> alerts) {
        return alerts.stream().map(Alert::labels).toList();
    }
}
