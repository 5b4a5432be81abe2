package io.usercanary.cli;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.Durations;
import io.usercanary.demo.DemoConfig;
import io.usercanary.demo.DemoTarget;
import io.usercanary.demo.TimelineNarrator;
import io.usercanary.demo.TimelineOptions;
import io.usercanary.demo.TransientFault;
import io.usercanary.logging.LogFormat;
import io.usercanary.report.AtomicFile;
import io.usercanary.app.Daemon;
import io.usercanary.app.DaemonOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usercanary demo}: the real daemon against an embedded demo target that replays the incident:
 * healthy, then a deploy points the backend at a half-cloned database, then it is fixed.
 */
@Command(name = "demo", description = "Run the daemon against an embedded demo target that replays the incident: "
        + "at --incident-at the 2-month and 8-month accounts get empty dashboards, at --recover-at it is fixed.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--incident-at", paramLabel = "DURATION", defaultValue = "90s", converter = DurationConverter.class,
            description = "When the bad deploy happens, after start (default: ${DEFAULT-VALUE}).")
    Duration incidentAt;

    @Option(names = "--recover-at", paramLabel = "DURATION", defaultValue = "300s", converter = DurationConverter.class,
            description = "When it is fixed, after start (default: ${DEFAULT-VALUE}).")
    Duration recoverAt;

    @Option(names = "--no-incident", description = "Stay healthy.")
    boolean noIncident;

    @Option(names = "--transient-at", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "From then on each account's next dashboard request fails once with HTTP 502: a single "
                    + "transient error, which must page nobody.")
    Duration transientAt;

    @Option(names = "--restart-at", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Then the backend restarts: the first dashboard request from then on, and every one in the "
                    + "second after it, fails with HTTP 502. Must page nobody.")
    Duration restartAt;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often each account runs (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of the status page and /metrics (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to serve on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--write-config", paramLabel = "FILE", defaultValue = "usercanary-demo.yaml",
            description = "Where to write the config the demo runs with (default: ${DEFAULT-VALUE}): "
                    + "`check --config FILE` works on it while the demo runs; a starting point for yours.")
    Path configFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text or json, one object per line.")
    String logFormat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (logFormat != null) {
            try {
                LogFormat.use(LogFormat.parse(logFormat));
            } catch (IllegalArgumentException e) {
                return usage("--log-format: " + e.getMessage());
            }
        }
        TimelineOptions timeline;
        DemoConfig.Options configOptions;
        try {
            timeline = noIncident ? TimelineOptions.noIncident() : TimelineOptions.of(incidentAt, recoverAt);
            configOptions = DemoConfig.Options.defaults().withServerPort(port).withInterval(interval);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        DemoTarget target;
        try {
            Clock clock = Clock.systemUTC();
            target = DemoTarget.start(clock, timeline, TimelineNarrator.toLog(),
                    restartAt != null ? TransientFault.restart(clock, restartAt, Duration.ofSeconds(1))
                            : transientAt == null ? TransientFault.NONE : TransientFault.after(clock, transientAt));
        } catch (IOException e) {
            return usage("the demo target cannot listen on loopback: " + e.getMessage());
        }
        Daemon daemon;
        try {
            String yaml = target.renderConfig(configOptions);
            // Owner-only: it holds the demo's throwaway passwords. Read back as `run` and `check` read it.
            AtomicFile.writePrivate(configFile, yaml);
            CanaryConfig config = ConfigLoader.fromProcessEnvironment().load(configFile);
            daemon = Daemon.start(config, DaemonOptions.defaults().withConfigFile(configFile)
                    .withBind(bind).withPort(port).withVersion(Version.current()));
        } catch (IOException | ConfigException e) {
            target.close();
            return usage(e.getMessage());
        }
        String base = "http://" + ("0.0.0.0".equals(bind) ? "localhost" : bind.equals("127.0.0.1") ? "localhost" : bind)
                + ":" + daemon.port();
        daemon.publishStatusPage(java.net.URI.create(base + "/"));
        out.println("usercanary demo: the daemon is monitoring an embedded demo target (sign-in on "
                + target.emulatorHost() + ", backend on " + target.backendBaseUrl() + ")");
        out.println("  status page  " + base + "/");
        out.println("  metrics      " + base + "/metrics");
        out.println("  config       " + configFile.toAbsolutePath() + "  (a starting point for your own)");
        out.println(noIncident
                ? "  no incident: every account stays healthy. Ctrl-C to stop."
                : "  at " + Durations.format(incidentAt) + " the backend is redeployed with the wrong environment file "
                        + "(the 2-month and 8-month accounts see empty dashboards); at " + Durations.format(recoverAt)
                        + " it is fixed. Ctrl-C to stop.");
        if (restartAt != null) {
            out.println("  at " + Durations.format(restartAt) + " the backend restarts: dashboard requests fail with HTTP 502 for 1 s"
                    + " (a restart of a second: no alert)");
        }
        if (transientAt != null) {
            out.println("  at " + Durations.format(transientAt) + " each account's next dashboard request fails once with HTTP 502"
                    + " (a single transient error: its confirmation run passes, no alert)");
        }
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            target.close();
        }, "usercanary-demo-shutdown"));
        Signals.handle("HUP", daemon::reload);
        Signals.handle("TERM", () -> System.exit(ExitCodes.PASSED));
        Signals.handle("INT", () -> System.exit(ExitCodes.PASSED));
        daemon.awaitClosed();
        return ExitCodes.PASSED;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usercanary: " + message);
        return ExitCodes.USAGE;
    }
}
