package io.usercanary.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Where Alertmanager delivers in tests: an HTTP server on a free loopback port that keeps every POST (path,
 * JSON body, arrival time). The shipped receivers point at it: PagerDuty's events API at {@code /paging},
 * Slack's incoming webhook at {@code /chat}. Thread-safe.
 */
public final class NotificationReceiver implements AutoCloseable {
    /** One delivered notification. */
    public record Delivery(Instant at, String path, JsonNode body) {
        /** PagerDuty's first line ({@code payload.summary}) or Slack's title: what on-call reads first. */
        public String firstLine() {
            return body.has("payload") ? body.path("payload").path("summary").asText() : body.path("attachments").path(0).path("title").asText();
        }

        /** PagerDuty's {@code trigger}/{@code resolve}, or "firing"/"resolved" read from a Slack title. */
        public String action() {
            return body.has("event_action") ? body.path("event_action").asText() : firstLine().startsWith("RESOLVED") ? "resolve" : "trigger";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Delivery> deliveries = new ArrayList<>(); // guarded by this

    private NotificationReceiver(HttpServer server) {
        this.server = server;
    }

    public static NotificationReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        NotificationReceiver receiver = new NotificationReceiver(server);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode json;
                try {
                    json = JSON.readTree(body);
                } catch (IOException e) {
                    json = JSON.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                }
                synchronized (receiver) {
                    receiver.deliveries.add(new Delivery(Instant.now(), exchange.getRequestURI().getPath(), json));
                }
                byte[] answer = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(202, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notification-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
