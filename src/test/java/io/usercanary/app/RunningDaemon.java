package io.usercanary.app;

import io.usercanary.metrics.PrometheusText;
import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.LocalHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;

/**
 * A daemon on port 0 against a {@link FakeProduction}, its config in a file so reloads can change it,
 * and an HTTP client for its endpoints. Close it at the end of the test.
 */
public final class RunningDaemon implements AutoCloseable {

    public final FakeProduction production = FakeProduction.start();
    public final MockWebServer server = production.server();
    public final Path configFile;
    public final Daemon daemon;

    private final UnaryOperator<String> yaml;

    private RunningDaemon(Path dir, List<String> accounts, String schedule, UnaryOperator<DaemonOptions> options,
                          UnaryOperator<String> yaml) throws IOException {
        this.yaml = yaml;
        configFile = dir.resolve("usercanary.yaml");
        writeConfig(accounts, schedule);
        DaemonOptions base = DaemonOptions.defaults().withConfigFile(configFile).withPort(0).withBind("127.0.0.1")
                .withVersion("1.2.3-test");
        daemon = Daemon.start(DaemonConfigs.parse(Files.readString(configFile)), options.apply(base));
    }

    public static RunningDaemon start(Path dir, List<String> accounts, String schedule) throws IOException {
        return new RunningDaemon(dir, accounts, schedule, UnaryOperator.identity(), UnaryOperator.identity());
    }

    public static RunningDaemon start(Path dir, List<String> accounts, String schedule, UnaryOperator<DaemonOptions> options)
            throws IOException {
        return new RunningDaemon(dir, accounts, schedule, options, UnaryOperator.identity());
    }

    /** As {@link #start}, every config written (the first and each {@link #writeConfig}) passed through {@code yaml}. */
    public static RunningDaemon start(Path dir, List<String> accounts, String schedule, UnaryOperator<DaemonOptions> options,
                                      UnaryOperator<String> yaml) throws IOException {
        return new RunningDaemon(dir, accounts, schedule, options, yaml);
    }

    public String hostPort() {
        return production.hostPort();
    }

    public void writeConfig(List<String> accounts, String schedule) throws IOException {
        Files.writeString(configFile, yaml.apply(DaemonConfigs.yaml(hostPort(), accounts, schedule)));
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build());
    }

    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public PrometheusText scrape() {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        return PrometheusText.parse(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + daemon.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return LocalHttp.send(request);
    }

    @Override
    public void close() {
        daemon.close();
        production.close();
    }
}
