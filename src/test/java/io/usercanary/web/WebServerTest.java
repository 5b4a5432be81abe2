package io.usercanary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Routing and response rules, against a hand-written control; the real daemon is in DaemonEndpointsTest. */
class WebServerTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final FakeControl control = new FakeControl();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WebServer web;

    @BeforeEach
    void start() throws IOException {
        Counter.builder("usercanary.runs").tag("outcome", "ok").register(registry).increment();
        for (int i = 0; i < 100; i++) {
            Counter.builder("padding.for.gzip").tag("n", Integer.toString(i)).register(registry);
        }
        web = WebServer.start("127.0.0.1", 0, registry, control);
    }

    @AfterEach
    void stop() {
        web.close();
        registry.close();
    }

    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void healthAndReadinessAnswer200Or503WithTheirOneLineMessage() throws Exception {
        HttpResponse<String> healthy = send("GET", "/-/healthy");
        assertEquals(200, healthy.statusCode());
        assertEquals("healthy\n", healthy.body());
        HttpResponse<String> ready = send("GET", "/-/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("waiting for the first round: 2 of 2 accounts have not run yet\n", ready.body());
        control.health = new DaemonControl.Answer(false, "the scheduler is not running");
        assertEquals(503, send("GET", "/-/healthy").statusCode());
    }

    @Test
    void reloadTakesOnlyPostAndAnswers200Or400WithTheMessage() throws Exception {
        HttpResponse<String> get = send("GET", "/-/reload");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertEquals(0, control.reloads, "a GET must not reload");
        assertEquals(200, send("POST", "/-/reload").statusCode());
        control.reload = new DaemonControl.Answer(false, "/etc/usercanary.yaml:3: schedule.interval: must be at least 1s");
        HttpResponse<String> refused = send("POST", "/-/reload");
        assertEquals(400, refused.statusCode());
        assertEquals("/etc/usercanary.yaml:3: schedule.interval: must be at least 1s\n", refused.body());
        assertTrue(contentType(refused).startsWith("text/plain"));
    }

    @Test
    void anUnexpectedFailureIsABare500WithoutStackTraceOrMessage() throws Exception {
        control.failure = new IllegalStateException("SECRET-IN-AN-EXCEPTION");
        HttpResponse<String> response = send("GET", "/-/healthy");
        assertEquals(500, response.statusCode());
        assertEquals("internal error (see the log)\n", response.body());
    }

    @ParameterizedTest(name = "{0} is 404")
    @ValueSource(strings = {"/nope", "/metrics/extra", "/runs/", "/runs/abc", "/runs/12x", "/runs/99999999999999999999"})
    void unknownPathsAndRunIdsThatAreNotNumbersAre404(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertEquals(404, response.statusCode());
        assertEquals("not found\n", response.body());
    }

    @Test
    void theStatusPageIsRoutedToTheStatusPageRenderer() throws Exception {
        // StatusPage.render comes from the web branch; here only that "/" is routed (a stub answers 500).
        HttpResponse<String> response = send("GET", "/");
        assertNotEquals(404, response.statusCode());
        if (response.statusCode() == 200) {
            assertEquals("text/html; charset=utf-8", contentType(response));
        }
    }

    @Test
    void writesToReadOnlyEndpointsAre405() throws Exception {
        for (String path : List.of("/metrics", "/-/healthy", "/-/ready", "/")) {
            assertEquals(405, send("POST", path).statusCode(), path);
        }
    }

    @Test
    void metricsNameTheirFormatInTheContentType() throws Exception {
        HttpResponse<String> text = send("GET", "/metrics");
        assertEquals(200, text.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", contentType(text));
        assertTrue(text.body().contains("usercanary_runs_total{outcome=\"ok\"} 1.0"), text.body());
        HttpResponse<String> open = send("GET", "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", contentType(open));
        assertTrue(open.body().endsWith("# EOF\n"));
    }

    @Test
    void prometheusThreeAcceptHeaderGetsOpenMetricsNotProtobuf() throws Exception {
        String accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
                + "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,text/plain;version=0.0.4;q=0.3";
        assertTrue(contentType(send("GET", "/metrics", "Accept", accept)).startsWith("application/openmetrics-text"));
    }

    @Test
    void metricsAreGzippedForAScraperThatAcceptsIt() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/metrics"))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream body = new GZIPInputStream(response.body())) {
            assertTrue(new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("usercanary_runs_total"));
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoServerVersion() throws Exception {
        control.failure = null;
        for (String path : List.of("/", "/metrics", "/-/healthy", "/nope", "/runs/1")) {
            HttpResponse<String> response = send("GET", path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                    response.headers().firstValue("Content-Security-Policy").orElse(""), path);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), path);
            assertTrue(response.headers().firstValue("Server").isEmpty(), path);
        }
        assertTrue(SecurityHeaders.CONTENT_SECURITY_POLICY.startsWith("default-src 'none'; style-src 'unsafe-inline';"),
                "no script, no remote anything: the pages are one document with inline style");
    }

    @Test
    void aRequestBodyIsRefusedWith413AndNeverRead() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(0, control.reloads);
    }

    @Test
    void headersOver8KiBAre431WithAPlainOneLineBody() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics", "X-Padding", "x".repeat(9000));
        assertEquals(431, response.statusCode());
        assertEquals("431 Request Header Fields Too Large\n", response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void withoutTheLifecycleSwitchReloadIs403AndSaysHowToEnableIt() throws Exception {
        try (WebServer closed = WebServer.start(WebOptions.plain("127.0.0.1", 0).withLifecycle(false), registry, control)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed.port() + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode());
            assertEquals("reloading over HTTP is off: start with --web.enable-lifecycle, or send SIGHUP\n", response.body());
            assertEquals(0, control.reloads);
        }
    }

    @Test
    void aPortInUseNamesTheKeyItCameFrom() throws Exception {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> WebServer.start(
                WebOptions.plain("127.0.0.1", web.port()), registry, control));
        assertEquals("address already in use (another process has server.port " + web.port()
                + "; choose another server.port)", e.getMessage());
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/metrics");
        assertEquals(200, response.statusCode());
        assertFalse(contentType(response).isEmpty());
        assertEquals("", response.body());
    }
}
