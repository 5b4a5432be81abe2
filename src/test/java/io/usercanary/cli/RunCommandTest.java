package io.usercanary.cli;

import static io.usercanary.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.metrics.PrometheusText;
import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.testing.FakeProduction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usercanary run} as it runs in the container: a child JVM, stopped with SIGTERM, reloaded with SIGHUP. */
class RunCommandTest {
    static final String FAST = "{ interval: 1s, jitter: 0s, timeout: 1s }";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> SECRETS = List.of(FakeProduction.ID_TOKEN, FakeProduction.REFRESH_TOKEN, FakeProduction.JWT,
            "SECRET-API-KEY-77d2", "SECRET-PASSWORD-1c9e");

    @TempDir
    Path dir;
    final FakeProduction production = FakeProduction.start();
    Path config;
    ChildJvm child;

    @BeforeEach
    void start() throws IOException {
        config = dir.resolve("usercanary.yaml");
        writeConfig(List.of("legacy"));
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.close();
        }
        production.close();
    }

    void writeConfig(List<String> accounts) throws IOException {
        Files.writeString(config, DaemonConfigs.yaml(production.hostPort(), accounts, FAST));
    }

    static String get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "0 " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static double okRuns(int port, String account) {
        String response = get(port, "/metrics");
        if (!response.startsWith("200 ")) {
            return 0;
        }
        return PrometheusText.parse(response.substring(4))
                .value("usercanary_runs_total", "account", account, "outcome", "ok").orElse(0.0);
    }

    @Test
    void runServesIncreasingOkRunsAndExitsZeroSoonAfterSigterm() throws Exception {
        child = ChildJvm.start(dir, Map.of(), "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1");
        int port = child.port(Duration.ofSeconds(20));
        await(Duration.ofSeconds(10), "an ok run", () -> okRuns(port, "legacy") >= 1);
        double first = okRuns(port, "legacy");
        await(Duration.ofSeconds(5), "more ok runs", () -> okRuns(port, "legacy") > first);
        assertTrue(get(port, "/-/ready").startsWith("200 "));
        String metrics = get(port, "/metrics");
        long start = System.nanoTime();
        assertEquals(0, child.terminate(Duration.ofSeconds(12)));
        long took = (System.nanoTime() - start) / 1_000_000;
        String log = child.stderr();
        assertTrue(log.contains("stopping: no new runs") && log.contains("stopped"), log);
        assertTrue(log.contains("run account=legacy cohort=established outcome=ok ms="), log);
        assertTrue(took < 12_000, "took " + took + " ms");
        for (String secret : SECRETS) {
            assertFalse(log.contains(secret), "the log holds " + secret);
            assertFalse(metrics.contains(secret), "/metrics holds " + secret);
        }
    }

    @Test
    void sighupReloadsTheConfigFile() throws Exception {
        child = ChildJvm.start(dir, Map.of(), "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1");
        int port = child.port(Duration.ofSeconds(20));
        await(Duration.ofSeconds(10), "legacy to run", () -> okRuns(port, "legacy") >= 1);
        writeConfig(List.of("legacy", "added"));
        child.signal("HUP");
        await(Duration.ofSeconds(10), "the added account to run", () -> okRuns(port, "added") >= 1);
        assertTrue(child.stderr().contains("reloaded " + config), child.stderr());
        assertEquals(0, child.terminate(Duration.ofSeconds(12)));
    }

    @Test
    void theJsonLogFormatWritesOneObjectPerLineWithTheRunFields() throws Exception {
        child = ChildJvm.start(dir, Map.of(), "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1",
                "--log-format", "json");
        int port = child.port(Duration.ofSeconds(20));
        await(Duration.ofSeconds(10), "a run", () -> okRuns(port, "legacy") >= 1);
        assertEquals(0, child.terminate(Duration.ofSeconds(12)));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> runs = new ArrayList<>();
        for (String line : child.stderr().split("\n")) {
            JsonNode node = json.readTree(line);
            assertTrue(node.isObject() && node.has("time") && node.has("level") && node.has("message"), line);
            if (node.path("logger").asText().equals("io.usercanary.run")) {
                runs.add(node);
            }
        }
        assertFalse(runs.isEmpty(), child.stderr());
        JsonNode run = runs.get(0);
        assertEquals("legacy", run.get("account").asText());
        assertEquals("established", run.get("cohort").asText());
        assertEquals("ok", run.get("outcome").asText());
        assertTrue(run.get("durationMs").isIntegralNumber(), run.toString());
        assertTrue(run.has("detail"), run.toString());
    }

    @Test
    void theEnvironmentVariableAlsoSwitchesToJson() throws Exception {
        child = ChildJvm.start(dir, Map.of("USERCANARY_LOG_FORMAT", "json"), "run", "--config", config.toString(),
                "--port", "0", "--bind", "127.0.0.1");
        child.port(Duration.ofSeconds(20));
        assertEquals(0, child.terminate(Duration.ofSeconds(12)));
        assertTrue(child.stderr().startsWith("{\"time\":"), child.stderr());
    }
}
