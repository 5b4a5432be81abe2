package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.app.RunningDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code run} and {@code healthcheck} say and return when they cannot do their work. In-process. */
class RunUsageTest {
    @TempDir
    Path dir;

    record Result(int code, String err) {}

    static Result execute(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    Path config(String schedule) throws Exception {
        Path file = dir.resolve("usercanary.yaml");
        Files.writeString(file, DaemonConfigs.yaml("127.0.0.1:9", List.of("legacy"), schedule));
        return file;
    }

    @Test
    void anInvalidConfigExitsTwoWithItsOneLineError() throws Exception {
        Path file = config("{ interval: 0s }");
        Result result = execute("run", "--config", file.toString(), "--port", "0");
        assertEquals(2, result.code());
        assertTrue(result.err().startsWith("usercanary: " + file + ":"), result.err());
        assertTrue(result.err().contains("must be at least 1s"), result.err());
    }

    @Test
    void aPortInUseExitsTwoAndNamesTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = execute("run", "--config", config("{ interval: 60s }").toString(),
                    "--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, result.code());
            assertTrue(result.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), result.err());
        }
    }

    @Test
    void anUnknownLogFormatOrPortIsAUsageError() throws Exception {
        String file = config("{ interval: 60s }").toString();
        Result format = execute("run", "--config", file, "--log-format", "xml");
        assertEquals(2, format.code());
        assertEquals("usercanary: --log-format: 'xml' is not a log format: use text or json", format.err().strip());
        assertEquals(2, execute("run", "--config", file, "--port", "70000").code());
    }

    @Test
    void healthcheckExitsZeroOnlyWhenTheEndpointAnswers200() throws Exception {
        try (RunningDaemon running = RunningDaemon.start(dir, List.of("legacy"), "{ interval: 60s, jitter: 0s, timeout: 1s }")) {
            String base = "http://127.0.0.1:" + running.daemon.port();
            assertEquals(0, execute("healthcheck", "--url", base + "/-/healthy").code());
            Result missing = execute("healthcheck", "--url", base + "/nope");
            assertEquals(1, missing.code());
            assertTrue(missing.err().contains("answered 404"), missing.err());
        }
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            assertEquals(1, execute("healthcheck", "--url", "http://127.0.0.1:" + port + "/-/healthy").code());
        }
    }

    @Test
    void healthcheckIsHiddenFromTheHelp() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute("--help"));
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("run") && !help.contains("healthcheck"), help);
    }
}
