package io.usercanary.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.testing.Components;
import io.usercanary.testing.ServerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Prometheus for tests: the {@code prometheus} binary on a free loopback port, a generated
 * prometheus.yml that scrapes static targets and loads rule files, its TSDB in a temporary directory.
 * {@link #close()} stops the process and deletes the directory; a JVM shutdown hook stops it too if a
 * test forgets. Queries may come from several threads (OkHttp and Jackson are thread-safe); start and close it
 * from one.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final Path directory;
    private final HttpUrl baseUrl;
    private final OkHttpClient client;
    private final Thread shutdownHook;

    /** An alert as {@code /api/v1/alerts} reports it; {@code state} is pending or firing. */
    public record Alert(String name, String state, Map<String, String> labels, Map<String, String> annotations) {}

    private PrometheusServer(Process process, Path directory, HttpUrl baseUrl, OkHttpClient client) {
        this.process = process;
        this.directory = directory;
        this.baseUrl = baseUrl;
        this.client = client;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop prometheus " + baseUrl);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link #start()}; defaults are production's 15 s scrape and evaluation intervals. */
    public static final class Builder {
        private Path binary;
        private String jobName = "usercanary";
        private final List<String> targets = new ArrayList<>();
        private final List<Path> ruleFiles = new ArrayList<>();
        private final List<String> alertmanagers = new ArrayList<>();
        private Duration scrapeInterval = Duration.ofSeconds(15);
        private Duration evaluationInterval = Duration.ofSeconds(15);
        private Duration startTimeout = Duration.ofSeconds(30);
        private String jobSettings = "";

        private Builder() {}

        /**
         * More keys for the scrape job, as YAML at the job's level ({@code scheme: https}, {@code basic_auth:},
         * {@code tls_config:}...), for targets behind a web config.
         */
        public Builder jobSettings(String yaml) {
            this.jobSettings = yaml;
            return this;
        }

        /** Defaults to {@link Components#prometheus()} (skips or fails the test when missing). */
        public Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        /** The scrape job's name; the alert rules expect it to contain "usercanary". */
        public Builder jobName(String jobName) {
            this.jobName = jobName;
            return this;
        }

        /** A static target as {@code host:port}, scraped at {@code /metrics}. */
        public Builder target(String hostPort) {
            targets.add(hostPort);
            return this;
        }

        /** An Alertmanager as {@code host:port} that the firing alerts are sent to. */
        public Builder alertmanager(String hostPort) {
            alertmanagers.add(hostPort);
            return this;
        }

        public Builder ruleFile(Path file) {
            ruleFiles.add(file.toAbsolutePath());
            return this;
        }

        public Builder scrapeInterval(Duration interval) {
            this.scrapeInterval = interval;
            return this;
        }

        public Builder evaluationInterval(Duration interval) {
            this.evaluationInterval = interval;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts Prometheus and waits until {@code /-/ready} answers 200. */
        public PrometheusServer start() throws IOException, InterruptedException {
            Path executable = binary != null ? binary : Components.prometheus();
            Path directory = Files.createTempDirectory("usercanary-prometheus-");
            Path config = Files.writeString(directory.resolve("prometheus.yml"), config(), StandardCharsets.UTF_8);
            int port = ServerProcesses.freePort();
            Process process = new ProcessBuilder(List.of(executable.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=info"))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("prometheus.log").toFile())
                    .start();
            process.getOutputStream().close();
            OkHttpClient client = new OkHttpClient.Builder()
                    .callTimeout(Duration.ofSeconds(10))
                    .build();
            PrometheusServer server = new PrometheusServer(process, directory,
                    HttpUrl.get("http://127.0.0.1:" + port + "/"), client);
            try {
                server.awaitReady(startTimeout);
            } catch (RuntimeException | InterruptedException e) {
                String log = server.log();
                server.close();
                throw new IllegalStateException("prometheus did not become ready: " + e.getMessage() + "\n" + log, e);
            }
            return server;
        }

        String config() {
            Duration timeout = scrapeInterval.compareTo(Duration.ofSeconds(10)) < 0 ? scrapeInterval : Duration.ofSeconds(10);
            StringBuilder yml = new StringBuilder()
                    .append("global:\n")
                    .append("  scrape_interval: ").append(scrapeInterval.toMillis()).append("ms\n")
                    .append("  scrape_timeout: ").append(timeout.toMillis()).append("ms\n")
                    .append("  evaluation_interval: ").append(evaluationInterval.toMillis()).append("ms\n")
                    .append("rule_files:\n");
            ruleFiles.forEach(f -> yml.append("  - ").append(quoted(f.toString())).append('\n'));
            if (!alertmanagers.isEmpty()) {
                yml.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [");
                for (int i = 0; i < alertmanagers.size(); i++) {
                    yml.append(i == 0 ? "" : ", ").append(quoted(alertmanagers.get(i)));
                }
                yml.append("]\n");
            }
            yml.append("scrape_configs:\n")
                    .append("  - job_name: ").append(quoted(jobName)).append('\n');
            jobSettings.lines().forEach(line -> yml.append("    ").append(line).append('\n'));
            yml
                    .append("    static_configs:\n")
                    .append("      - targets: [");
            for (int i = 0; i < targets.size(); i++) {
                yml.append(i == 0 ? "" : ", ").append(quoted(targets.get(i)));
            }
            return yml.append("]\n").toString();
        }

        private static String quoted(String s) {
            try {
                return JSON.writeValueAsString(s); // a JSON string is a valid YAML scalar
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** An instant query at the current time; returns {@code data.result} (an array for vectors). */
    public JsonNode query(String promql) {
        HttpUrl url = baseUrl.newBuilder().addPathSegments("api/v1/query").addQueryParameter("query", promql).build();
        return api(url).path("result");
    }

    /** Pending and firing alerts of the loaded rules. */
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : api(baseUrl.newBuilder().addPathSegments("api/v1/alerts").build()).path("alerts")) {
            Map<String, String> labels = strings(a.path("labels"));
            alerts.add(new Alert(labels.get("alertname"), a.path("state").asText(), labels, strings(a.path("annotations"))));
        }
        return alerts;
    }

    /** The scrape targets with their health and last error, for failure messages. */
    public JsonNode targets() {
        return api(baseUrl.newBuilder().addPathSegments("api/v1/targets").build()).path("activeTargets");
    }

    /** Polls until alerts named {@code name} are in {@code state}; fails with what Prometheus saw. */
    public List<Alert> awaitAlert(String name, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Alert> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = alerts();
            List<Alert> matching = seen.stream().filter(a -> a.name().equals(name) && a.state().equals(state)).toList();
            if (!matching.isEmpty()) {
                return matching;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("no " + state + " alert " + name + " within " + timeout + "; alerts: " + seen
                + "\ntargets: " + targets() + "\n" + log());
    }

    /** The last 50 lines of Prometheus' own log. */
    public String log() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("prometheus.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 50), lines.size()));
        } catch (IOException e) {
            return "(no prometheus log: " + e + ")";
        }
    }

    ProcessHandle processHandle() {
        return process.toHandle();
    }

    Path directory() {
        return directory;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpUrl ready = baseUrl.newBuilder().addPathSegments("-/ready").build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue());
            }
            try (Response response = client.newCall(new Request.Builder().url(ready).build()).execute()) {
                if (response.code() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("not ready after " + timeout);
    }

    private JsonNode api(HttpUrl url) {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            JsonNode body = JSON.readTree(Objects.requireNonNull(response.body()).string());
            if (!body.path("status").asText().equals("success")) {
                throw new IllegalStateException(url + " answered " + response.code() + ": " + body);
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(url + " failed", e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 10 s) and deletes its directory. */
    @Override
    public void close() {
        ServerProcesses.stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        ServerProcesses.deleteRecursively(directory);
    }
}
