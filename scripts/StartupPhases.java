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
import io.usercanary.config.ConfigLoader;
import io.usercanary.http.BoundedHttp;
import io.usercanary.metrics.CanaryMetrics;
import io.usercanary.schedule.QuartzProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.LoggerFactory;

/**
 * scripts/bench phases: the daemon's start-up steps one after the other in a fresh JVM, each timed cold
 * (its classes loaded for the first time), printed as "phase milliseconds" lines. Arguments: the config.
 */
public class StartupPhases {
    static final Map<String, Double> PHASES = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        // scripts/bench passes the launch time: the process's own start instant is computed from the boot
        // time, which Linux gives in whole seconds, so it may be off by up to a second.
        String launched = System.getProperty("bench.launchMillis");
        Instant jvmStart = launched != null ? Instant.ofEpochMilli(Long.parseLong(launched))
                : ProcessHandle.current().info().startInstant().orElseThrow();
        PHASES.put("JVM start to main", (double) Duration.between(jvmStart, Instant.now()).toMillis());
        time("logback set-up (first log line)", () -> {
            LoggerFactory.getLogger("bench").debug("start");
            return null;
        });
        CanaryConfig config = time("config: Jackson YAML, records, validation (config/)",
                () -> ConfigLoader.fromProcessEnvironment().load(Path.of(args[0])));
        time("Micrometer's JVM and process binders (metrics/CanaryMetrics)", () -> {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            return registry;
        });
        CanaryMetrics metrics = time("CanaryMetrics.create, the rest (metrics/)",
                () -> CanaryMetrics.create(config, "bench", Clock.systemUTC(), Map.of()));
        time("okhttp client (http/BoundedHttp)", BoundedHttp::defaultClient);
        time("Quartz: scheduler, a job per account, start (schedule/)", () -> {
            Scheduler scheduler = new StdSchedulerFactory(QuartzProperties.of(config)).getScheduler();
            Instant later = Instant.now().plusSeconds(3600);
            for (var account : config.accounts()) {
                scheduler.scheduleJob(JobBuilder.newJob(Noop.class).withIdentity(account.name()).build(),
                        TriggerBuilder.newTrigger().startAt(java.util.Date.from(later))
                                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(60)).build());
            }
            scheduler.start();
            return scheduler;
        });
        time("first scrape, text 0.0.4 (metrics/)", () -> metrics.registry().scrape());
        PHASES.forEach((phase, ms) -> System.out.printf("%s\t%.1f%n", phase, ms));
        System.exit(0);
    }

    static <T> T time(String phase, Callable<T> step) throws Exception {
        long start = System.nanoTime();
        T result = step.call();
        PHASES.put(phase, (System.nanoTime() - start) / 1e6);
        return result;
    }

    /** A job that is never due within the measurement. */
    public static class Noop implements org.quartz.Job {
        @Override
        public void execute(org.quartz.JobExecutionContext context) {}
    }
}
