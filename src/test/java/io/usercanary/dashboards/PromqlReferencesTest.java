package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.usercanary.dashboards.PromqlReferences.Matcher;
import io.usercanary.dashboards.PromqlReferences.Selector;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlReferencesTest {

    @Test
    void aSelectorGivesItsMetricAndMatchersInOrder() {
        PromqlReferences refs = PromqlReferences.of(
                "usercanary_runs_total{cohort=\"new\", outcome!~\"ok|slow\", account=~'a.*', instance!=\"x\"}");

        assertEquals(List.of(new Selector("usercanary_runs_total", List.of(
                new Matcher("cohort", "=", "new"),
                new Matcher("outcome", "!~", "ok|slow"),
                new Matcher("account", "=~", "a.*"),
                new Matcher("instance", "!=", "x")))), refs.selectors());
    }

    @Test
    void functionsAggregationsAndGroupingWordsAreNotMetrics() {
        PromqlReferences refs = PromqlReferences.of("""
                histogram_quantile(0.95,
                  sum by (le, step, check) (rate(usercanary_step_duration_seconds_bucket{env="a"}[5m]))
                ) > 5
                and on (job, instance) group_left ()
                max without (outcome) (usercanary_up) == bool 0
                """);

        assertEquals(Set.of("usercanary_step_duration_seconds_bucket", "usercanary_up"), refs.metricNames());
        assertEquals(Set.of("le", "step", "check", "job", "instance", "outcome"), refs.groupingLabels());
    }

    @Test
    void aggregationWithTrailingByClauseIsRead() {
        PromqlReferences refs = PromqlReferences.of("sum(increase(usercanary_runs_total[5m])) by (cohort)");

        assertEquals(Set.of("usercanary_runs_total"), refs.metricNames());
        assertEquals(Set.of("cohort"), refs.groupingLabels());
    }

    @Test
    void groupLeftWithoutParenthesesIsFollowedByAMetric() {
        PromqlReferences refs = PromqlReferences.of("a / on (cohort) group_left b:c:d");

        assertEquals(Set.of("a", "b:c:d"), refs.metricNames());
        assertEquals(Set.of("cohort"), refs.groupingLabels());
    }

    @Test
    void grafanaVariablesRangesOffsetsAndNumbersAreSkipped() {
        PromqlReferences refs = PromqlReferences.of(
                "rate(x_total{environment=~\"$environment\"}[$__rate_interval]) * 60"
                        + " - x_total offset 1d + y[${__range}:1m] / 1e3 + vector(0) + time() - inf");

        assertEquals(Set.of("x_total", "y"), refs.metricNames());
        assertEquals(new Matcher("environment", "=~", "$environment"), refs.selectors().get(0).matchers().get(0));
    }

    @Test
    void stringsAndCommentsHideWhatLooksLikeMetrics() {
        PromqlReferences refs = PromqlReferences.of(
                "label_replace(up, \"dst\", \"$1 not_a_metric\", \"src\", \"(.*)\") # and_not_this_either\n + z");

        assertEquals(Set.of("up", "z"), refs.metricNames());
    }

    @Test
    void escapedQuotesInsideAValueStayInTheValue() {
        PromqlReferences refs = PromqlReferences.of("m{pointer=\"/a\\\"b\", other=`raw\\d`}");

        assertEquals(List.of(new Matcher("pointer", "=", "/a\"b"), new Matcher("other", "=", "raw\\d")),
                refs.selectors().get(0).matchers());
    }

    @Test
    void bareBracesTakeTheMetricFromName() {
        PromqlReferences refs = PromqlReferences.of("{__name__=\"usercanary_up\", cohort=\"new\"}");

        assertEquals("usercanary_up", refs.selectors().get(0).metric());
        assertEquals(Set.of("cohort"), refs.selectors().get(0).labels());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ALERTS{alertname=~"Usercanary.*", alertstate="firing"} | ALERTS
            cohort_outcome:usercanary_runs:ratio5m{outcome="empty"} > 0 | cohort_outcome:usercanary_runs:ratio5m
            absent(up{job=~".*usercanary.*"}) | up
            count by (cohort) (usercanary_up == 0) | usercanary_up
            """)
    void findsTheMetricOf(String expr, String metric) {
        assertEquals(Set.of(metric), PromqlReferences.of(expr).metricNames());
    }

    @Test
    void anUnreadableMatcherIsAnErrorNotASilentGap() {
        assertThrows(IllegalArgumentException.class, () -> PromqlReferences.of("m{cohort}"));
    }
}
