package io.usercanary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.Components;
import io.usercanary.webconfig.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real headless Chromium loads the status page over HTTPS with basic auth, under the page's Content-Security-Policy. */
@Tag("component")
class BrowserOverHttpsTest {
    @TempDir
    Path dir;
    final ServedWeb web = new ServedWeb();

    @AfterEach
    void stop() {
        web.close();
    }

    String chromium(String url) throws Exception {
        List<String> command = new ArrayList<>(List.of(Components.chromium().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--ignore-certificate-errors", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--dump-dom", url));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
            assertEquals(0, process.exitValue(), Files.readString(err));
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void chromiumRendersTheStatusPageOverHttpsWithCredentials() throws Exception {
        TestCertificates.create(dir);
        Path webConfig = ServedWeb.tls(dir, "", "basic_auth_users:\n  prometheus: " + ProtectedEndpointsTest.HASH + "\n");
        // The incident fixture behind the real endpoints.
        web.start(webConfig, new FakeControl(WebFixtures.config(), WebFixtures.start().incident()).ready());
        String dom = chromium("https://prometheus:correct%20horse@127.0.0.1:" + web.port() + "/");
        assertTrue(dom.contains("<section class=\"cohort\" data-cohort=\"recent\" data-status=\"failing\""), dom);
        assertTrue(dom.contains("2 of 4 accounts failing: empty in recent, established"), dom);
        String refused = chromium("https://127.0.0.1:" + web.port() + "/");
        assertFalse(refused.contains("data-cohort"), "without credentials the page is not shown: " + refused);
        // Headless Chromium shows nothing for a 401 (it would ask for credentials): the status page must not appear.
    }
}
