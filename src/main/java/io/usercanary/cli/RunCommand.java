package io.usercanary.cli;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.logging.LogFormat;
import io.usercanary.app.Daemon;
import io.usercanary.app.DaemonOptions;
import io.usercanary.webconfig.WebConfig;
import io.usercanary.webconfig.WebConfigException;
import io.usercanary.webconfig.WebConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usercanary run}: the daemon. Runs until SIGTERM, then lets flows in flight finish (up to 10 s) and
 * exits 0. SIGHUP or {@code POST /-/reload} re-reads the config file.
 */
@Command(name = "run", description = "Run every account on its schedule and serve /metrics, the status page and "
        + "health endpoints until stopped. SIGHUP or POST /-/reload re-reads the config.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on this port instead of server.port (0: any free port).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address instead of server.bind.")
    String bind;

    @Option(names = "--web.external-url", paramLabel = "URL",
            description = "The URL people open the status page at (behind a proxy, say); alert notifications link to it.")
    String externalUrl;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text or json, one object per line (default: $" + LogFormat.ENV + ", else text).")
    String logFormat;

    @Option(names = "--web.config.file", paramLabel = "FILE", defaultValue = "${env:" + WEB_CONFIG_ENV + "}",
            description = "TLS and basic auth for the endpoints, in the Prometheus exporter-toolkit format "
                    + "(default: $" + WEB_CONFIG_ENV + ", else none: plain HTTP, open).")
    Path webConfigFile;

    @Option(names = "--web.enable-lifecycle", description = "Allow POST /-/reload (SIGHUP always reloads).")
    boolean webEnableLifecycle;

    @Spec
    CommandSpec spec;

    static final String WEB_CONFIG_ENV = "USERCANARY_WEB_CONFIG_FILE";

    @Override
    public Integer call() throws InterruptedException {
        String format = logFormat != null ? logFormat : System.getenv(LogFormat.ENV);
        if (format != null && !format.isBlank()) {
            try {
                LogFormat.use(LogFormat.parse(format));
            } catch (IllegalArgumentException e) {
                return usage((logFormat != null ? "--log-format" : LogFormat.ENV) + ": " + e.getMessage());
            }
        }
        if (port != null && (port < 0 || port > 65535)) {
            return usage("--port: " + port + " is not a TCP port");
        }
        Optional<URI> statusPage;
        try {
            statusPage = StatusPageUrl.parse(externalUrl);
        } catch (IllegalArgumentException e) {
            return usage("--web.external-url: " + e.getMessage());
        }
        CanaryConfig loaded;
        try {
            loaded = config.load();
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        WebConfig web = WebConfig.NONE;
        if (webConfigFile != null) {
            try {
                web = WebConfigFile.load(webConfigFile);
            } catch (WebConfigException e) {
                return usage(e.getMessage());
            }
        }
        WebConfig security = web;
        // Before the daemon starts, so a SIGTERM as soon as it serves already stops it cleanly with exit 0
        // (without this handler the JVM's exit status would be 143).
        AtomicReference<Daemon> started = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Daemon running = started.get();
            if (running != null) {
                running.close();
            }
        }, "usercanary-shutdown"));
        Signals.handle("TERM", () -> System.exit(ExitCodes.PASSED));
        Daemon daemon;
        try {
            daemon = Daemon.start(loaded, DaemonOptions.defaults()
                    .withConfigFile(config.file).withPort(port).withBind(bind).withVersion(Version.current()),
                    listen -> listen.withSecurity(security).withLifecycle(webEnableLifecycle));
        } catch (IOException e) {
            return usage(e.getMessage());
        }
        started.set(daemon);
        statusPage.ifPresent(daemon::publishStatusPage);
        if (!Signals.handle("HUP", daemon::reload)) {
            LOG.info("SIGHUP is not available here: reload with POST /-/reload");
        }
        daemon.awaitClosed();
        return ExitCodes.PASSED;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usercanary: " + message);
        return ExitCodes.USAGE;
    }
}
