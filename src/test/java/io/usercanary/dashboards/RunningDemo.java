package io.usercanary.dashboards;

import io.usercanary.app.Daemon;
import io.usercanary.app.DaemonOptions;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.demo.DemoConfig;
import io.usercanary.demo.DemoTarget;
import io.usercanary.demo.TimelineNarrator;
import io.usercanary.demo.TimelineOptions;
import io.usercanary.demo.TransientFault;
import io.usercanary.metrics.PrometheusText;
import io.usercanary.testing.LocalHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code usercanary demo} runs, in this JVM: the demo target replaying its incident on the system clock
 * and the real daemon probing it with the config the demo renders, {@code /metrics} on a free loopback port.
 * Close it to stop both.
 */
public final class RunningDemo implements AutoCloseable {
    /** The Accept header Prometheus 2.x scrapes with: OpenMetrics first, text 0.0.4 as the fallback. */
    public static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    /** What a person with curl gets: Prometheus text 0.0.4. */
    public static final String TEXT_ACCEPT = "*/*";


    private final DemoTarget target;
    private final Daemon daemon;

    private RunningDemo(DemoTarget target, Daemon daemon) {
        this.target = target;
        this.daemon = daemon;
    }

    /**
     * Starts the target (its timeline counts from now) and the daemon with the demo's config: every account
     * each {@code interval}, jitter a fifth of it.
     */
    public static RunningDemo start(Duration interval, TimelineOptions timeline) throws IOException {
        return start(interval, timeline, null);
    }

    /** As {@link #start(Duration, TimelineOptions)}, with each account's next dashboard request after {@code transientAt} failing once (502). */
    public static RunningDemo start(Duration interval, TimelineOptions timeline, Duration transientAt) throws IOException {
        Clock clock = Clock.systemUTC();
        DemoTarget target = DemoTarget.start(clock, timeline, TimelineNarrator.toLog(),
                transientAt == null ? TransientFault.NONE : TransientFault.after(clock, transientAt));
        try {
            String yaml = target.renderConfig(DemoConfig.Options.defaults().withServerPort(0).withInterval(interval));
            CanaryConfig config = new ConfigLoader(target.environment()).parse(yaml, "usercanary-demo.yaml");
            Daemon daemon = Daemon.start(config, DaemonOptions.defaults()
                    .withEnvironment(target.environment()).withBind("127.0.0.1").withPort(0).withVersion("e2e"));
            daemon.metrics().statusPage(URI.create("http://127.0.0.1:" + daemon.port() + "/"));
            return new RunningDemo(target, daemon);
        } catch (ConfigException e) {
            target.close();
            throw new IllegalStateException("the demo rendered a config it cannot load: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT} of the daemon's {@code /metrics}, as a Prometheus static target. */
    public String hostPort() {
        return "127.0.0.1:" + daemon.port();
    }

    public DemoTarget target() {
        return target;
    }

    /** When the backend starts serving the half-cloned database. */
    public Instant incidentStart() {
        return target.timeline().startedAt().plus(target.timeline().options().incidentAt());
    }

    /** When it serves the right database again. */
    public Instant recovery() {
        return target.timeline().startedAt().plus(target.timeline().options().recoverAt());
    }

    /** One scrape of {@code /metrics} with that Accept header, parsed. */
    public PrometheusText scrape(String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/metrics"))
                .header("Accept", accept).timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = LocalHttp.send(request);
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return PrometheusText.parse(response.body());
    }

    /** Stops the daemon (flows in flight finish), then the target. */
    @Override
    public void close() {
        try {
            daemon.close();
        } finally {
            target.close();
        }
    }
}
