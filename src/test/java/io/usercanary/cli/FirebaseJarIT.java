package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.auth.Emulator;
import io.usercanary.auth.EmulatorConfigs;
import io.usercanary.auth.EmulatorStack;
import io.usercanary.testing.ChildProcess;
import io.usercanary.testing.JarProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar still holds every class firebase-admin loads on first use: {@code seed}, custom-token
 * logins, ephemeral recreation and both scrape formats, run from the packaged jar against the real Auth
 * emulator (the in-process tests use the full test class path, which proves nothing about the jar).
 */
@Tag("component")
class FirebaseJarIT {
    static final String PASSWORD = "jar-password-5e1";
    static final Pattern SERVING = Pattern.compile("serving on http://[^:/]+:(\\d+)/");
    static EmulatorStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        stack = EmulatorStack.start(FirebaseJarIT.class);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    Path config(String email, String uid, String ephemeralEmail) throws Exception {
        String accounts = EmulatorConfigs.passwordAccount("fresh", email, PASSWORD, "")
                + EmulatorConfigs.customTokenAccount("service", uid)
                + EmulatorConfigs.passwordAccount("young", ephemeralEmail, PASSWORD, "ephemeral: { maxAge: 1s }");
        return Files.writeString(dir.resolve("usercanary.yaml"),
                EmulatorConfigs.yaml(stack.emulator(), stack.backend().baseUrl(), "", accounts));
    }

    @Test
    void seedThenCheckWithCustomTokenAndEphemeralAccountsPassThroughTheJar() throws Exception {
        String email = Emulator.uniqueEmail("jar");
        String uid = Emulator.uniqueUid("jar-service");
        String ephemeralEmail = Emulator.uniqueEmail("jar-young");
        Path config = config(email, uid, ephemeralEmail);

        JarProcess.Result seed = JarProcess.run(Map.of(), "seed", "--config", config.toString());
        assertEquals(0, seed.exitCode(), seed.stdout() + seed.stderr());
        assertEquals(3, seed.stdout().lines().filter(l -> l.contains("created")).count(), seed.stdout());
        var auth = stack.admin().auth();
        String freshUid = auth.getUserByEmail(email).getUid();
        String firstYoungUid = auth.getUserByEmail(ephemeralEmail).getUid();
        assertEquals("m-fresh", stack.backend().marker(freshUid));
        assertEquals("m-service", stack.backend().marker(uid));
        assertEquals(Map.of("usercanary", true), auth.getUser(uid).getCustomClaims());

        Thread.sleep(1_500); // past the ephemeral account's maxAge of 1 s
        JarProcess.Result check = JarProcess.run(Map.of(), "check", "--config", config.toString(), "--format", "json");
        assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
        JsonNode results = new ObjectMapper().readTree(check.stdout()).path("results");
        assertEquals(List.of("fresh", "service", "young"), results.findValuesAsText("account"), check.stdout());
        for (JsonNode result : results) {
            assertEquals("ok", result.path("outcome").asText(), result.toString());
        }
        assertEquals("customToken", results.path(1).path("steps").path(0).path("detail").asText(), check.stdout());
        String secondYoungUid = auth.getUserByEmail(ephemeralEmail).getUid();
        assertNotEquals(firstYoungUid, secondYoungUid, "the ephemeral account was deleted and created again");
        assertEquals("m-young", stack.backend().marker(secondYoungUid), "and provisioned before its checks");
    }

    @Test
    void runServesTextAndOpenMetricsScrapesFromTheJar() throws Exception {
        Path config = config(Emulator.uniqueEmail("jar-run"), Emulator.uniqueUid("jar-run"), Emulator.uniqueEmail("jar-run-young"));
        try (ChildProcess run = ChildProcess.start(new ProcessBuilder(JarProcess.javaBinary(), "-jar", JarProcess.jar().toString(),
                "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1"), dir.resolve("logs"))) {
            String base = "http://127.0.0.1:" + port(run) + "/metrics";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

            HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, text.statusCode());
            assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), text.headers().toString());
            assertTrue(text.body().contains("usercanary_build_info"), text.body());

            HttpResponse<String> openMetrics = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, openMetrics.statusCode());
            assertTrue(openMetrics.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                    openMetrics.headers().toString());
            assertTrue(openMetrics.body().endsWith("# EOF\n"), openMetrics.body());
            assertEquals(0, run.terminate(Duration.ofSeconds(15)), run.tails());
        }
    }

    static int port(ChildProcess run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(run.stderr());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!run.isAlive()) {
                throw new AssertionError("exited " + run.exitValue() + " before serving\n" + run.tails());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no 'serving on' line within 30 s\n" + run.tails());
    }
}
