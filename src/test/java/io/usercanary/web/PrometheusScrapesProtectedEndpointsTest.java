package io.usercanary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.usercanary.dashboards.PrometheusServer;
import io.usercanary.webconfig.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scrapes the endpoints over TLS with basic auth and a client certificate, as the README says. */
@Tag("component")
class PrometheusScrapesProtectedEndpointsTest {
    @TempDir
    Path dir;
    final ServedWeb web = new ServedWeb();

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void prometheusScrapesOverTlsWithBasicAuthAndAClientCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        certificates.client("prometheus");
        Path webConfig = Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                basic_auth_users:
                  prometheus: %s
                """.formatted(ProtectedEndpointsTest.HASH));
        Counter.builder("usercanary.runs").tag("outcome", "ok").register(web.registry).increment();
        web.start(webConfig, new FakeControl());
        String job = """
                scheme: https
                basic_auth:
                  username: prometheus
                  password: "%s"
                tls_config:
                  ca_file: %s
                  cert_file: %s
                  key_file: %s
                """.formatted(ProtectedEndpointsTest.PASSWORD, certificates.file("ca.crt"),
                certificates.file("prometheus.crt"), certificates.file("prometheus.key"));
        try (PrometheusServer prometheus = PrometheusServer.builder().target("127.0.0.1:" + web.port())
                .scrapeInterval(Duration.ofSeconds(1)).jobSettings(job).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String up = "";
            while (System.nanoTime() < deadline && !up.equals("1")) {
                JsonNode result = prometheus.query("up");
                up = result.size() == 1 ? result.get(0).path("value").get(1).asText() : "";
                Thread.sleep(500);
            }
            assertEquals("1", up, "targets: " + prometheus.targets() + "\n" + prometheus.log());
            JsonNode runs = prometheus.query("usercanary_runs_total");
            assertEquals("1", runs.get(0).path("value").get(1).asText());
        }
    }
}
