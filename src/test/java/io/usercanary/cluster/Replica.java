package io.usercanary.cluster;

import io.usercanary.testing.ChildProcess;
import io.usercanary.testing.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One replica: {@code usercanary.jar run} as a child JVM on a free port, with its port read from its log. */
final class Replica implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving on http://[^:]+:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private volatile int port;

    private Replica(ChildProcess process) {
        this.process = process;
    }

    static Replica start(Path config, Path logDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(JarProcess.javaBinary(), "-Xmx256m", "-jar", JarProcess.jar().toString(),
                "run", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1");
        builder.environment().remove("FIREBASE_AUTH_EMULATOR_HOST");
        return new Replica(ChildProcess.start(builder, logDir));
    }

    /** Waits for the web server's log line (it serves before the database answers). */
    Replica awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = SERVING.matcher(process.stderr());
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return this;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("replica did not start serving\n" + process.tails());
            }
            Thread.sleep(100);
        }
    }

    /** Status code and body of a GET; status 0 when nothing answered. */
    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a sample line of {@code /metrics} starting with {@code series} (name and labels up to the brace). */
    double metric(String name) {
        for (String line : get("/metrics").body().lines().toList()) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in /metrics");
    }

    ChildProcess process() {
        return process;
    }

    /** SIGKILL: no hand-over, no last check-in. */
    void kill() {
        process.close();
    }

    int terminate() throws InterruptedException {
        return process.terminate(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        process.close();
    }
}
