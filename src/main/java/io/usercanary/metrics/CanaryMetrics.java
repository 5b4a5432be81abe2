package io.usercanary.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Every metric the daemon exports, on one Prometheus registry with the common tags {@code environment} and
 * {@code location}: the run metrics, the config and build gauges, and (once {@link #bindJvmAndProcess} has run)
 * the JVM and process binders.
 * A meter with tag keys that differ from its name's first one throws instead of silently vanishing. Thread-safe.
 */
public final class CanaryMetrics implements RunListener, AutoCloseable {
    static final String BUILD_INFO = "usercanary.build.info";
    static final String RELOAD_SUCCESSFUL = "usercanary.config.last.reload.successful";
    static final String RELOAD_SUCCESS_TIME = "usercanary.config.last.reload.success.timestamp.seconds";
    static final String INTERVAL = "usercanary.schedule.interval.seconds";
    static final String STATUS_PAGE = "usercanary.status.page.info";

    private final PrometheusMeterRegistry registry;
    private final RunMetrics runs;
    private final CohortGauges cohorts;
    private final Clock clock;
    /** Set by {@link #bindJvmAndProcess}; guarded by {@code this} with {@link #closed}. */
    private JvmGcMetrics gc;
    private boolean closed;
    private volatile double reloadSuccessful = 1;
    private volatile double reloadSuccessTime;
    private volatile double intervalSeconds;

    private CanaryMetrics(CanaryConfig config, String version, Clock clock) {
        this.clock = clock;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.throwExceptionOnRegistrationFailure();
        // Fixed for the registry's life: a reload that changes them takes effect on restart.
        registry.config().commonTags("environment", config.environment(), "location", config.location());
        Gauge.builder(BUILD_INFO, () -> 1).description("Always 1; the version is in the label").tag("version", version)
                .register(registry);
        Gauge.builder(RELOAD_SUCCESSFUL, this, m -> m.reloadSuccessful)
                .description("1 when the last config (re)load succeeded, 0 when it was refused").register(registry);
        Gauge.builder(RELOAD_SUCCESS_TIME, this, m -> m.reloadSuccessTime)
                .description("When the config was last loaded successfully").register(registry);
        Gauge.builder(INTERVAL, this, m -> m.intervalSeconds)
                .description("The configured schedule.interval").register(registry);
        this.runs = new RunMetrics(registry);
        this.cohorts = new CohortGauges(registry);
    }

    /** The registry for {@code config}, with its accounts' series pre-registered. */
    public static CanaryMetrics create(CanaryConfig config, String version, Clock clock, Map<String, String> knownCohorts) {
        CanaryMetrics metrics = new CanaryMetrics(config, version, clock);
        metrics.configApplied(config, knownCohorts);
        return metrics;
    }

    /**
     * Adds the JVM and process series ({@code jvm_*}, {@code process_*}, {@code system_cpu_count}). Apart from the
     * constructor because it loads and reads about 40 JMX beans (a tenth of the start-up): the daemon calls it on
     * a thread of its own once the endpoints answer. Once only; nothing after {@link #close}.
     */
    public synchronized void bindJvmAndProcess() {
        if (closed || gc != null) {
            return;
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void onRun(RunResult result) {
        runs.onRun(result);
    }

    /** A run another replica did: the gauges show it, the counters do not count it ({@link RunMetrics#showLatest}). */
    public void showLatest(RunResult result) {
        runs.showLatest(result);
    }

    /** A config was loaded and is now in use. */
    public void configApplied(CanaryConfig config, Map<String, String> knownCohorts) {
        runs.configure(config, knownCohorts);
        synchronized (cohorts) {
            cohorts.configure(config.cohorts());
        }
        intervalSeconds = config.schedule().interval().toMillis() / 1000.0;
        reloadSuccessTime = clock.millis() / 1000.0;
        reloadSuccessful = 1;
    }

    /**
     * Where people open the status page ({@code run --web.external-url}), exported as
     * {@code usercanary_status_page_info{url}} so alert notifications can link to it. Set once, at start.
     */
    public void statusPage(URI url) {
        Gauge.builder(STATUS_PAGE, () -> 1).description("Always 1; the status page's external URL is in the label")
                .tag("url", url.toString()).register(registry);
    }

    /** A reload was refused; the previous config stays in use. */
    public void reloadRefused() {
        reloadSuccessful = 0;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (gc != null) {
                gc.close();
            }
        }
        registry.close();
    }
}
