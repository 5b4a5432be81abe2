package io.usercanary.dashboards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series the daemon promises to export (the metrics contract), as the dashboard and the
 * rules may use them: names as scraped, each with its own labels; {@link #COMMON_LABELS} and Prometheus'
 * {@link #TARGET_LABELS} come on top of every one.
 */
public final class MetricsContract {
    private MetricsContract() {}

    public static final Set<String> COMMON_LABELS = Set.of("environment", "location");
    public static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    public static final List<String> OUTCOMES = List.of("ok", "slow", "login_failed", "exchange_failed",
            "http_error", "timeout", "network_error", "invalid_payload", "empty", "mismatch", "internal_error");
    public static final Set<String> PASSING = Set.of("ok", "slow");
    public static final List<String> STEPS = List.of("login", "lookup", "exchange", "check");

    private static final Map<String, Set<String>> OWN_LABELS = ownLabels();
    /**
     * Series of a clustered daemon (issue 11), which a single process does not export: allowed in rules and
     * panels ({@link #labelsOf}), not demanded from a live scrape ({@link #metricNames}).
     */
    private static final Map<String, Set<String>> CLUSTER_LABELS = Map.of(
            "usercanary_cluster_members", Set.of(),
            "usercanary_cluster_database_up", Set.of());

    private static Map<String, Set<String>> ownLabels() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("usercanary_runs_total", Set.of("account", "cohort", "outcome"));
        m.put("usercanary_check_results_total", Set.of("cohort", "check", "outcome"));
        m.put("usercanary_step_duration_seconds_bucket", Set.of("step", "check", "le"));
        m.put("usercanary_step_duration_seconds_sum", Set.of("step", "check"));
        m.put("usercanary_step_duration_seconds_count", Set.of("step", "check"));
        m.put("usercanary_up", Set.of("account", "cohort"));
        m.put("usercanary_last_run_timestamp_seconds", Set.of("account", "cohort"));
        m.put("usercanary_last_success_timestamp_seconds", Set.of("account", "cohort"));
        m.put("usercanary_payload_items", Set.of("account", "check", "pointer"));
        m.put("usercanary_account_age_seconds", Set.of("account", "cohort"));
        m.put("usercanary_firebase_errors_total", Set.of("code"));
        m.put("usercanary_config_last_reload_successful", Set.of());
        m.put("usercanary_config_last_reload_success_timestamp_seconds", Set.of());
        m.put("usercanary_build_info", Set.of("version"));
        m.put("usercanary_schedule_interval_seconds", Set.of());
        m.put("usercanary_consecutive_failures", Set.of("account", "cohort", "outcome", "check", "assertion"));
        m.put("usercanary_cohort_min_age_seconds", Set.of("cohort"));
        m.put("usercanary_cohort_max_age_seconds", Set.of("cohort"));
        m.put("usercanary_status_page_info", Set.of("url"));
        return Map.copyOf(m);
    }

    /** The cluster's series: exported only by a daemon with {@code cluster:} configured, so never by the demo. */
    public static Set<String> clusterMetricNames() {
        return new TreeSet<>(CLUSTER_LABELS.keySet());
    }

    /** Every usercanary_* series name as scraped (the histogram as its _bucket, _sum and _count). */
    public static Set<String> metricNames() {
        return new TreeSet<>(OWN_LABELS.keySet());
    }

    /** All labels a series of this name may carry, or empty if the name is not in the contract. */
    public static Optional<Set<String>> labelsOf(String metric) {
        Set<String> own = OWN_LABELS.getOrDefault(metric, CLUSTER_LABELS.get(metric));
        if (own == null) {
            return Optional.empty();
        }
        Set<String> all = new TreeSet<>(own);
        all.addAll(COMMON_LABELS);
        all.addAll(TARGET_LABELS);
        return Optional.of(all);
    }

    /** The union of every label of every series in the contract. */
    public static Set<String> allLabels() {
        Set<String> all = new TreeSet<>(COMMON_LABELS);
        all.addAll(TARGET_LABELS);
        OWN_LABELS.values().forEach(all::addAll);
        return all;
    }
}
