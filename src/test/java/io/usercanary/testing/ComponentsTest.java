package io.usercanary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tools scripts/test installs are found and actually run. */
@Tag("component")
class ComponentsTest {

    @Test
    void promtoolRunsAndPrintsItsVersion() throws Exception {
        assertTrue(versionOf(Components.promtool()).contains("promtool, version"));
    }

    @Test
    void prometheusRunsAndPrintsItsVersion() throws Exception {
        assertTrue(versionOf(Components.prometheus()).contains("prometheus, version"));
    }

    @Test
    void chromiumRunsAndPrintsItsVersion() throws Exception {
        assertTrue(versionOf(Components.chromium()).contains("Chromium"));
    }

    @Test
    void postgresAcceptsConnectionsAtTheExportedUrl() throws IOException {
        URI uri = URI.create(Components.postgresJdbcUrl().substring("jdbc:".length()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 3_000);
            assertTrue(socket.isConnected());
        }
    }

    private static String versionOf(Path executable) throws Exception {
        Process process = new ProcessBuilder(executable.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), executable + " --version did not finish");
        assertEquals(0, process.exitValue(), executable + " --version printed: " + output);
        return output;
    }
}
