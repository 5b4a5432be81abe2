package io.usercanary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side cannot be blinded: while hundreds of clients dribble request headers (slowloris) or sit on
 * idle connections, {@code /metrics} and {@code /-/healthy} still answer. Latencies are printed, not asserted
 * tightly (a shared machine): the per-request bound of 5 s only says "answered, not starved".
 */
class SlowClientsTest {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final FakeControl control = new FakeControl();
    final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    WebServer web;

    @AfterEach
    void stop() {
        synchronized (sockets) {
            sockets.forEach(SlowClientsTest::closeQuietly);
        }
        if (web != null) {
            web.close();
        }
        registry.close();
    }

    @Test
    void metricsAndHealthAnswerThroughout500ConnectionsDribblingHeaders() throws Exception {
        Counter.builder("usercanary.runs").tag("outcome", "ok").register(registry).increment();
        web = WebServer.start("127.0.0.1", 0, registry, control);
        int slow = 500;
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger reconnects = new AtomicInteger();
        List<Socket> dribblers = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            dribblers.add(openDribbler());
        }
        Thread attacker = new Thread(() -> {
            while (attacking.get()) {
                for (int i = 0; i < dribblers.size() && attacking.get(); i++) {
                    try {
                        dribblers.get(i).getOutputStream().write('x');
                        dribblers.get(i).getOutputStream().flush();
                    } catch (IOException closedByTheServer) {
                        closeQuietly(dribblers.get(i));
                        try {
                            dribblers.set(i, openDribbler());
                            reconnects.incrementAndGet();
                        } catch (IOException e) {
                            // the server is momentarily full: try this slot again on the next pass
                        }
                    }
                }
                sleep(1000);
            }
        }, "slowloris");
        attacker.setDaemon(true);
        attacker.start();
        try {
            List<Long> latencies = probeFor(Duration.ofSeconds(30), List.of("/metrics", "/-/healthy"));
            System.out.printf("slowloris: %d connections dribbling headers, %d reconnects after the server closed them; %s%n",
                    slow, reconnects.get(), summary(latencies));
            assertTrue(reconnects.get() >= slow / 2, "the server closes connections whose headers are late: "
                    + reconnects.get() + " reconnects");
        } finally {
            attacking.set(false);
            attacker.join(5000);
        }
    }

    @Test
    void metricsAnswerWhileIdleConnectionsFillEverySlot() throws Exception {
        web = WebServer.start(WebOptions.plain("127.0.0.1", 0).withLimits(64, Duration.ofSeconds(10), Duration.ofSeconds(30)),
                registry, control);
        for (int i = 0; i < 300; i++) {
            Socket idle = new Socket(InetAddress.getLoopbackAddress(), web.port());
            sockets.add(idle);
        }
        List<Long> latencies = probeFor(Duration.ofSeconds(10), List.of("/metrics", "/-/healthy"));
        System.out.printf("idle flood: 300 idle connections against a cap of 64; %s%n", summary(latencies));
    }

    private Socket openDribbler() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), web.port());
        socket.setSoTimeout(1000);
        OutputStream out = socket.getOutputStream();
        out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sockets.add(socket);
        return socket;
    }

    /** Asks each path in turn, a new connection each time, for {@code duration}; every answer must be a 200. */
    private List<Long> probeFor(Duration duration, List<String> paths) throws Exception {
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            String path = paths.get(n++ % paths.size());
            HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                    .timeout(ANSWER_WITHIN).build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(200, response.statusCode(), path);
            sleep(200);
        }
        return latencies;
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format("%d answers, latency ms p50 %d, p99 %d, max %d", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)),
                sorted.get(sorted.size() - 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
