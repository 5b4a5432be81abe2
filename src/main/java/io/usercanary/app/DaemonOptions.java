package io.usercanary.app;

import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.RunListener;
import io.usercanary.schedule.QuartzProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * How to run the daemon beyond its config. {@code configFile} is what a reload re-reads (none: reload is
 * refused), with {@code ${VAR}} from {@code environment}; {@code port}/{@code bind} override {@code server:}
 * when not null; {@code probes} null means the real flow; {@code quartzProperties} builds the scheduler of
 * each config (in memory by default). Start from {@link #defaults()}.
 */
public record DaemonOptions(
        Path configFile,
        Map<String, String> environment,
        Integer port,
        String bind,
        String version,
        Duration shutdownGrace,
        List<RunListener> listeners,
        Probes probes,
        Function<CanaryConfig, Properties> quartzProperties,
        Clock clock) {

    public DaemonOptions {
        environment = Map.copyOf(environment);
        listeners = List.copyOf(listeners);
    }

    /** No config file, the process environment, the config's server, 10 s to finish flows on shutdown. */
    public static DaemonOptions defaults() {
        String version = DaemonOptions.class.getPackage().getImplementationVersion();
        return new DaemonOptions(null, System.getenv(), null, null, version == null ? "dev" : version,
                Duration.ofSeconds(10), List.of(), null, QuartzProperties::of, Clock.systemUTC());
    }

    public DaemonOptions withConfigFile(Path file) {
        return new DaemonOptions(file, environment, port, bind, version, shutdownGrace, listeners, probes, quartzProperties, clock);
    }

    public DaemonOptions withEnvironment(Map<String, String> env) {
        return new DaemonOptions(configFile, env, port, bind, version, shutdownGrace, listeners, probes, quartzProperties, clock);
    }

    public DaemonOptions withPort(Integer newPort) {
        return new DaemonOptions(configFile, environment, newPort, bind, version, shutdownGrace, listeners, probes, quartzProperties, clock);
    }

    public DaemonOptions withBind(String newBind) {
        return new DaemonOptions(configFile, environment, port, newBind, version, shutdownGrace, listeners, probes, quartzProperties, clock);
    }

    public DaemonOptions withVersion(String newVersion) {
        return new DaemonOptions(configFile, environment, port, bind, newVersion, shutdownGrace, listeners, probes, quartzProperties, clock);
    }

    public DaemonOptions withShutdownGrace(Duration grace) {
        return new DaemonOptions(configFile, environment, port, bind, version, grace, listeners, probes, quartzProperties, clock);
    }

    /** Adds a listener told of every run, after the metrics, the store and the run log. */
    public DaemonOptions withListener(RunListener listener) {
        List<RunListener> more = new ArrayList<>(listeners);
        more.add(listener);
        return new DaemonOptions(configFile, environment, port, bind, version, shutdownGrace, more, probes, quartzProperties, clock);
    }

    public DaemonOptions withProbes(Probes factory) {
        return new DaemonOptions(configFile, environment, port, bind, version, shutdownGrace, listeners, factory, quartzProperties, clock);
    }

    public DaemonOptions withQuartzProperties(Function<CanaryConfig, Properties> properties) {
        return new DaemonOptions(configFile, environment, port, bind, version, shutdownGrace, listeners, probes, properties, clock);
    }

    public DaemonOptions withClock(Clock newClock) {
        return new DaemonOptions(configFile, environment, port, bind, version, shutdownGrace, listeners, probes, quartzProperties, newClock);
    }
}
