package io.usercanary.dashboards;

import io.usercanary.testing.Components;
import io.usercanary.testing.ServerProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Alertmanager for tests, running the SHIPPED dashboards/alertmanager.yml and usercanary.tmpl: copied to a
 * temporary directory with its two receivers pointed at a {@link NotificationReceiver} (the PagerDuty URL and
 * the Slack webhook file) and, optionally, shorter group timings. Clustering off, free port, its own storage.
 */
public final class AlertmanagerServer implements AutoCloseable {
    private final Process process;
    private final Path directory;
    private final int port;

    private AlertmanagerServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** {@code groupWait}/{@code groupInterval} null keep the shipped (default) 30 s and 5 m. */
    public static AlertmanagerServer start(NotificationReceiver receiver, Duration groupWait, Duration groupInterval)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("usercanary-alertmanager-");
        Path dashboards = DashboardQueries.dashboardsDir();
        String config = Files.readString(dashboards.resolve("alertmanager.yml"), StandardCharsets.UTF_8);
        config = replace(config, "/etc/alertmanager/secrets/", directory + "/");
        config = replace(config, "https://events.pagerduty.com/v2/enqueue", receiver.url("/paging"));
        if (groupWait != null) {
            config = replace(config, "group_wait: 30s", "group_wait: " + groupWait.toMillis() + "ms");
        }
        if (groupInterval != null) {
            config = replace(config, "group_interval: 5m", "group_interval: " + groupInterval.toMillis() + "ms");
        }
        Files.writeString(directory.resolve("alertmanager.yml"), config, StandardCharsets.UTF_8);
        Files.copy(dashboards.resolve("usercanary.tmpl"), directory.resolve("usercanary.tmpl"));
        Files.writeString(directory.resolve("pagerduty-routing-key"), "test-routing-key\n");
        Files.writeString(directory.resolve("slack-webhook-url"), receiver.url("/chat") + "\n");
        int port = ServerProcesses.freePort();
        Process process = new ProcessBuilder(List.of(Components.alertmanager().toString(),
                "--config.file=" + directory.resolve("alertmanager.yml"),
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("alertmanager.log").toFile())
                .start();
        process.getOutputStream().close();
        AlertmanagerServer server = new AlertmanagerServer(process, directory, port);
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException e) {
            String log = server.log();
            server.close();
            throw new IllegalStateException("alertmanager did not become ready: " + e.getMessage() + "\n" + log, e);
        }
        return server;
    }

    /** {@code 127.0.0.1:PORT}, as Prometheus' alerting target. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public String log() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("alertmanager.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no alertmanager log: " + e + ")";
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("alertmanager exited with " + process.exitValue());
                }
                try (Response r = client.newCall(new Request.Builder().url("http://" + hostPort() + "/-/ready").build()).execute()) {
                    if (r.code() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("not ready after " + timeout);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("dashboards/alertmanager.yml no longer contains " + what);
        }
        return text.replace(what, with);
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
        ServerProcesses.deleteRecursively(directory);
    }
}
