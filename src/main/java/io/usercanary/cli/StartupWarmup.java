package io.usercanary.cli;

import io.usercanary.config.ConfigLoader;
import io.usercanary.http.BoundedHttp;
import io.usercanary.web.WebServer;
import java.util.Set;

/**
 * The first start-up work that does not depend on the command line, begun on two background threads as
 * {@code main} starts: reading a sample config (Jackson, SnakeYAML and the config records' deserializers),
 * then for the daemon an unstarted Jetty server, on one; the HTTP client's TLS set-up on the other. The main
 * thread meanwhile parses the command line and sets up logging; when it reaches them they are built. Only
 * for the commands that read a config. Measured and left out: logging on the second thread, and a metrics
 * registry and Quartz's bean set-up on it (each cost as much as it saved on two cores).
 */
final class StartupWarmup {
    private static final Set<String> READING_A_CONFIG = Set.of("run", "demo", "check", "validate", "seed");

    private StartupWarmup() {}

    static void startFor(String[] args) {
        if (args.length == 0 || !READING_A_CONFIG.contains(args[0])) {
            return;
        }
        boolean serving = args[0].equals("run") || args[0].equals("demo");
        start("usercanary-warmup-config", () -> {
            ConfigLoader.warmUp();
            if (serving) {
                WebServer.warmUp();
            }
        });
        if (!args[0].equals("validate")) {
            start("usercanary-warmup-http", BoundedHttp::warmUp);
        }
    }

    private static void start(String name, Runnable step) {
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (RuntimeException | LinkageError e) {
                // only time is lost: the main thread builds the same on its way
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
