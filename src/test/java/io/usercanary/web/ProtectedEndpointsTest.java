package io.usercanary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.usercanary.webconfig.TestCertificates;
import io.usercanary.webconfig.TlsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The endpoints behind a web config: TLS only, basic auth on every path, client certificates, live rotation. */
class ProtectedEndpointsTest {
    /** htpasswd -nbBC 10 prometheus 'correct horse' */
    static final String HASH = "$2y$10$G63WQUVZYQvgOlgSYETaVOawbWugkL/T5kvEXo7M0h7WtaHxV7wlO";
    static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;
    TestCertificates certificates;
    final FakeControl control = new FakeControl();
    final ServedWeb web = new ServedWeb();

    @BeforeEach
    void certificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    void serve(String webConfig) throws Exception {
        web.start(Files.writeString(dir.resolve("web.yml"), webConfig), control);
    }

    static String tls(String extra) {
        return ServedWeb.tlsConfig(extra);
    }

    HttpResponse<String> get(SSLContext tls, String path, String... headers) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyEndpointAsksForCredentialsAndOnlyTheRightOnesPass() throws Exception {
        serve(tls("basic_auth_users:\n  prometheus: " + HASH + "\n"));
        SSLContext trust = TlsClients.trusting(certificates.file("ca.crt"));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            for (String path : List.of("/-/healthy", "/-/ready", "/metrics", "/", "/runs/1", "/nope")) {
                HttpResponse<String> missing = get(trust, path);
                assertEquals(401, missing.statusCode(), path);
                assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
                assertEquals("nosniff", missing.headers().firstValue("X-Content-Type-Options").orElse(""), path);
                assertEquals(401, get(trust, path, "Authorization", basic("prometheus", "wrong-guess-7f3a")).statusCode(), path);
                assertEquals(401, get(trust, path, "Authorization", basic("nobody", PASSWORD)).statusCode(), path);
            }
            assertEquals(200, get(trust, "/-/healthy", "Authorization", basic("prometheus", PASSWORD)).statusCode());
            assertEquals(200, get(trust, "/metrics", "Authorization", basic("prometheus", PASSWORD)).statusCode());
            assertEquals(401, get(trust, "/metrics", "Authorization", "Basic not-base64!").statusCode());
        } finally {
            root.detachAppender(logs);
        }
        StringBuilder logged = new StringBuilder();
        synchronized (logs.list) {
            logs.list.forEach(event -> logged.append(event.getFormattedMessage()).append('\n'));
        }
        assertTrue(logged.toString().contains("refused a request from 127.0.0.1"), logged.toString());
        assertEquals(1, logged.toString().lines().filter(l -> l.contains("refused a request")).count(),
                "refusals are logged at most once per 10 s: " + logged);
        assertFalse(logged.toString().contains("wrong-guess-7f3a"), "an attempted password is never logged");
        assertFalse(logged.toString().contains(PASSWORD), "a password is never logged");
    }

    @Test
    void theTlsPortRefusesPlainHttp() throws Exception {
        serve(tls(""));
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> plain.send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, get(TlsClients.trusting(certificates.file("ca.crt")), "/metrics").statusCode());
    }

    @Test
    void aRotatedCertificateIsServedWithoutARestart() throws Exception {
        serve(tls(""));
        SSLContext trust = TlsClients.trusting(certificates.file("ca.crt"));
        assertEquals("CN=usercanary test server", servedSubject(trust));
        certificates.server("next", "usercanary rotated server");
        // As a sidecar does: key first, then the certificate; in between the pair does not match and is not used.
        Files.copy(certificates.file("next.key"), certificates.file("server.key"), StandardCopyOption.REPLACE_EXISTING);
        web.server().checkCertificateNow();
        assertEquals("CN=usercanary test server", servedSubject(trust), "a half-rotated pair keeps the old certificate");
        Files.copy(certificates.file("next.crt"), certificates.file("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        web.server().checkCertificateNow();
        assertEquals(200, get(trust, "/-/healthy").statusCode());
        assertEquals("CN=usercanary rotated server", servedSubject(trust));
    }

    /** A fresh client context each time: a resumed TLS session would show the certificate it was made with. */
    private String servedSubject(SSLContext ignored) throws Exception {
        HttpResponse<String> response = get(TlsClients.trusting(certificates.file("ca.crt")), "/-/healthy");
        X509Certificate leaf = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        return leaf.getSubjectX500Principal().getName();
    }

    @Test
    void requireAndVerifyClientCertWantsACertificateFromTheClientCa() throws Exception {
        certificates.client("prometheus");
        certificates.selfSignedRsa("stranger");
        serve(tls("  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n"));
        Path ca = certificates.file("ca.crt");
        assertThrows(IOException.class, () -> get(TlsClients.trusting(ca), "/metrics"));
        assertThrows(IOException.class, () -> get(TlsClients.presenting(ca, certificates.file("stranger.crt"),
                certificates.file("stranger.key")), "/metrics"));
        assertEquals(200, get(TlsClients.presenting(ca, certificates.file("prometheus.crt"),
                certificates.file("prometheus.key")), "/metrics").statusCode());
    }

    @Test
    void clientAllowedSansNarrowsWhichClientCertificatesPass() throws Exception {
        certificates.client("prometheus");
        certificates.client("intruder");
        serve(tls("  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n  client_allowed_sans: [prometheus]\n"));
        Path ca = certificates.file("ca.crt");
        assertEquals(200, get(TlsClients.presenting(ca, certificates.file("prometheus.crt"),
                certificates.file("prometheus.key")), "/metrics").statusCode());
        assertThrows(IOException.class, () -> get(TlsClients.presenting(ca, certificates.file("intruder.crt"),
                certificates.file("intruder.key")), "/metrics"));
    }

    @Test
    void configuredHeadersAreSentAndTheRateLimitAnswers429() throws Exception {
        serve(tls("http_server_config:\n  headers:\n    Strict-Transport-Security: max-age=31536000\n"
                + "rate_limit:\n  burst: 2\n  interval: 1h\n"));
        SSLContext trust = TlsClients.trusting(certificates.file("ca.crt"));
        HttpResponse<String> first = get(trust, "/-/healthy");
        assertEquals("max-age=31536000", first.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertEquals(200, get(trust, "/-/healthy").statusCode());
        assertEquals(429, get(trust, "/-/healthy").statusCode());
    }

    @Test
    void tls12OnlyRefusesATls13OnlyClient() throws Exception {
        serve(tls("  max_version: TLS12\n"));
        SSLContext trust = TlsClients.trusting(certificates.file("ca.crt"));
        HttpClient tls13 = HttpClient.newBuilder().sslContext(trust)
                .sslParameters(new javax.net.ssl.SSLParameters(null, new String[] {"TLSv1.3"})).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.port() + "/metrics")).build();
        assertThrows(IOException.class, () -> tls13.send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals("TLSv1.2", get(trust, "/metrics").sslSession().orElseThrow().getProtocol());
    }
}
