package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.metrics.PrometheusText;
import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.testing.ChildProcess;
import io.usercanary.testing.DockerfileFlags;
import io.usercanary.testing.Eventually;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.HostileBodies;
import io.usercanary.testing.JarProcess;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar under the Dockerfile's JVM flags (read from the Dockerfile) against a backend whose every
 * dashboard answers 5 MB of tiny objects or a 4 MB string under {@code equals}, for every account at once on
 * as many threads: it stays alive, keeps producing runs and keeps answering /metrics.
 */
class HostileBackendMemoryIT {
    static final int ACCOUNTS = 8;
    static final Duration SOAK = Duration.ofSeconds(40);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern SERVING = Pattern.compile("serving on http://[^:/]+:(\\d+)/");

    final MockWebServer server = new MockWebServer();
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(HostileBodies.answer(new FakeProduction()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hostileBodiesOnEveryAccountAtOnceNeitherKillTheDaemonNorStopItsRunsOrMetrics() throws Exception {
        List<String> accounts = IntStream.rangeClosed(1, ACCOUNTS).mapToObj(i -> "hostile-" + i).toList();
        String yaml = DaemonConfigs.yaml(server.getHostName() + ":" + server.getPort(), accounts,
                "{ interval: 4s, jitter: 0s, timeout: 4s, threads: " + ACCOUNTS + " }");
        yaml = yaml.substring(0, yaml.indexOf("checks:\n") + "checks:\n".length()) + HostileBodies.checks()
                + yaml.substring(yaml.indexOf("accounts:\n"));
        Path config = Files.writeString(dir.resolve("usercanary.yaml"), yaml);
        List<String> command = new ArrayList<>(List.of(JarProcess.javaBinary()));
        command.addAll(DockerfileFlags.jvmFlags());
        command.addAll(List.of("-jar", JarProcess.jar().toString(), "run", "--config", config.toString(),
                "--port", "0", "--bind", "127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try (ChildProcess daemon = ChildProcess.start(builder, dir.resolve("logs"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String port = Eventually.until(deadline, "the 'serving on' line", () -> {
                Matcher m = SERVING.matcher(daemon.stderr());
                return m.find() ? m.group(1) : null;
            }, p -> p != null || !daemon.isAlive());
            assertTrue(daemon.isAlive(), "exited before serving\n" + daemon.tails());
            String metrics = "http://127.0.0.1:" + port + "/metrics";

            long end = System.nanoTime() + SOAK.toNanos();
            double halfway = -1;
            double runs = 0;
            long peakKb = 0;
            while (System.nanoTime() < end) {
                assertTrue(daemon.isAlive(), "the daemon died\n" + daemon.tails());
                runs = runs(scrape(metrics));
                if (halfway < 0 && System.nanoTime() > end - SOAK.toNanos() / 2) {
                    halfway = runs;
                }
                peakKb = Math.max(peakKb, kb(daemon.pid(), "VmHWM"));
                Thread.sleep(1000);
            }
            assertTrue(daemon.isAlive(), "the daemon died\n" + daemon.tails());
            assertTrue(halfway >= ACCOUNTS, "runs in the first half: " + halfway + "\n" + daemon.tails());
            assertTrue(runs >= halfway + ACCOUNTS, "runs went on in the second half: " + halfway + " then " + runs + "\n" + daemon.tails());
            assertFalse(daemon.stderr().contains("OutOfMemoryError"), daemon.tails());
            System.out.printf("hostile bodies, %d accounts on %d threads, flags %s: %.0f runs, peak RSS (VmHWM) %d MB%n",
                    ACCOUNTS, ACCOUNTS, DockerfileFlags.jvmFlags(), runs, peakKb / 1024);
        }
    }

    /**
     * /metrics must answer; on this shared 2-core machine the flows' JSON parsing competes with it for CPU,
     * so the bound is generous (the slowloris test holds the latency target).
     */
    private static String scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static double runs(String scrape) {
        return PrometheusText.parse(scrape).named("usercanary_runs_total").stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static long kb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
