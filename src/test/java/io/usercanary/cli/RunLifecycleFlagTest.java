package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.testing.FakeProduction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s {@code --web.enable-lifecycle}, in a child JVM: POST /-/reload is 403 without it, a reload with it. */
class RunLifecycleFlagTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    final FakeProduction production = FakeProduction.start();
    Path config;
    ChildJvm child;

    @BeforeEach
    void start() throws Exception {
        config = Files.writeString(dir.resolve("usercanary.yaml"), DaemonConfigs.yaml(production.hostPort(), List.of("legacy"), "{ interval: 60s, jitter: 0s, timeout: 1s }"));
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.close();
        }
        production.close();
    }

    HttpResponse<String> reload(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/reload"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheFlagReloadOverHttpIs403() throws Exception {
        child = ChildJvm.start(dir, Map.of(), "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1");
        HttpResponse<String> response = reload(child.port(Duration.ofSeconds(20)));
        assertEquals(403, response.statusCode());
        assertEquals("reloading over HTTP is off: start with --web.enable-lifecycle, or send SIGHUP\n", response.body());
        assertTrue(!child.stderr().contains("reloaded "), child.stderr());
    }

    @Test
    void withTheFlagReloadOverHttpReloads() throws Exception {
        child = ChildJvm.start(dir, Map.of(), "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1",
                "--web.enable-lifecycle");
        HttpResponse<String> response = reload(child.port(Duration.ofSeconds(20)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("reloaded " + config), response.body());
    }
}
