package io.usercanary.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercanary.webconfig.TestCertificates;
import io.usercanary.webconfig.TlsClients;
import io.usercanary.webconfig.WebConfigFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What TLS and basic auth add to a scrape, printed by {@code scripts/measure-scrape-cost}: N scrapes of a
 * registry of about 400 series, plain and with TLS + bcrypt basic auth (cost 10), on one kept-alive
 * connection (how Prometheus scrapes) and on a new connection each time. Figures only, nothing asserted.
 */
public final class ScrapeCost {
    private ScrapeCost() {}

    public static void main(String[] args) throws Exception {
        int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("usercanary-scrape-cost");
        TestCertificates certificates = TestCertificates.create(dir);
        Path webConfig = ServedWeb.tls(dir, "", "basic_auth_users:\n  prometheus: " + ProtectedEndpointsTest.HASH + "\n");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (int i = 0; i < 400; i++) {
            Counter.builder("usercanary.padding").tag("n", Integer.toString(i)).register(registry).increment();
        }
        FakeControl control = new FakeControl();
        String auth = ProtectedEndpointsTest.basic("prometheus", ProtectedEndpointsTest.PASSWORD);
        try (WebServer plain = WebServer.start("127.0.0.1", 0, registry, control);
             WebServer secure = WebServer.start(WebOptions.plain("127.0.0.1", 0)
                     .withSecurity(WebConfigFile.load(webConfig)), registry, control)) {
            SSLContext trust = TlsClients.trusting(certificates.file("ca.crt"));
            String plainUrl = "http://127.0.0.1:" + plain.port() + "/metrics";
            String secureUrl = "https://127.0.0.1:" + secure.port() + "/metrics";
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up; the second is printed
                boolean print = round == 1;
                report(print, "plain HTTP, keep-alive          ", keptAlive(plainUrl, null, null, scrapes));
                report(print, "TLS + basic auth, keep-alive    ", keptAlive(secureUrl, trust, auth, scrapes));
                report(print, "plain HTTP, new connection each ", newEach(plainUrl, null, null, scrapes));
                report(print, "TLS + basic auth, new connection", newEach(secureUrl, certificates.file("ca.crt"), auth, scrapes));
            }
        }
        registry.close();
        List<Long> bcrypt = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            org.springframework.security.crypto.bcrypt.BCrypt.checkpw(ProtectedEndpointsTest.PASSWORD, ProtectedEndpointsTest.HASH);
            bcrypt.add((System.nanoTime() - start) / 1000);
        }
        report(true, "one bcrypt check at cost 10 (paid once per user and password, then remembered)", bcrypt);
    }

    private static List<Long> keptAlive(String url, SSLContext tls, String auth, int n) throws Exception {
        HttpClient client = client(tls);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            micros.add(scrape(client, url, auth));
        }
        return micros;
    }

    private static List<Long> newEach(String url, Path ca, String auth, int n) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // A fresh client context (made outside the timed part): else the TLS session is resumed, no full handshake.
            micros.add(scrape(client(ca == null ? null : TlsClients.trusting(ca)), url, auth));
        }
        return micros;
    }

    private static HttpClient client(SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        return (tls == null ? builder : builder.sslContext(tls)).build();
    }

    private static long scrape(HttpClient client, String url, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        long micros = (System.nanoTime() - start) / 1000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return micros;
    }

    private static void report(boolean print, String what, List<Long> micros) {
        if (!print) {
            return;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0;
        System.out.printf("%s  %d times: median %.2f ms, mean %.2f ms, p99 %.2f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0, mean, sorted.get(sorted.size() * 99 / 100) / 1000.0);
    }
}
