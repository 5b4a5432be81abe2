package io.usercanary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM and process series come with {@link CanaryMetrics#bindJvmAndProcess}, once, with the common tags. */
class JvmAndProcessBindersTest {
    static final List<String> SERIES = List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds",
            "jvm_classes_loaded_classes", "process_files_open_files");

    @Test
    void bindingAddsTheSeriesOnceWithTheCommonTags() {
        try (CanaryMetrics metrics = RunMetricsTest.metricsFor(List.of("fixed"))) {
            SERIES.forEach(name -> assertTrue(scrape(metrics).named(name).isEmpty(), name + " before binding"));
            metrics.bindJvmAndProcess();
            int once = metrics.registry().getMeters().size();
            metrics.bindJvmAndProcess();
            assertEquals(once, metrics.registry().getMeters().size());
            for (String name : SERIES) {
                List<PrometheusText.Sample> samples = scrape(metrics).named(name);
                assertFalse(samples.isEmpty(), name + " is missing");
                samples.forEach(sample -> assertTrue(sample.labels().keySet().containsAll(List.of("environment", "location")),
                        sample.toString()));
            }
        }
    }

    @Test
    void bindingAfterCloseAddsNothing() {
        CanaryMetrics metrics = RunMetricsTest.metricsFor(List.of("fixed"));
        metrics.close();
        metrics.bindJvmAndProcess();
        assertTrue(metrics.registry().getMeters().stream().noneMatch(meter -> meter.getId().getName().startsWith("jvm.")));
    }

    private static PrometheusText scrape(CanaryMetrics metrics) {
        return PrometheusText.parse(metrics.registry().scrape());
    }
}
