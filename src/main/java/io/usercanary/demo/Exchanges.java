package io.usercanary.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usercanary.http.JdkHttpServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo's routes on the JDK's {@link HttpServer} (loopback binding, request in, answer out), JSON and forms. */
final class Exchanges {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger("io.usercanary.demo");
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {}

    /**
     * A server on {@code 127.0.0.1:0} that hands each request to {@code routes} and sends its answer; it never
     * leaks an exception (a failing route answers 500) and always closes the exchange.
     */
    static HttpServer loopbackServer(String threadName, Function<DemoRequest, DemoAnswer> routes) throws IOException {
        HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                DemoRequest request = DemoRequest.of(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body(exchange));
                send(exchange, routes.apply(request));
            } catch (RuntimeException | IOException e) {
                LOG.warn("demo: {} failed on {} {}", threadName, exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e);
                sendQuietly500(exchange);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(daemonPool(threadName));
        return server;
    }

    /** Stops the server at once and its worker threads with it. */
    static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The body as a JSON object, or null if it is not one. */
    static ObjectNode jsonObject(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Decodes {@code a=1&b=2} (a query string or a form body); the last value of a name wins. */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(decode(name), decode(value));
        }
        return values;
    }

    /** URL-decoding that keeps a malformed escape ({@code %zz}) as it came rather than failing the request. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static void send(HttpExchange exchange, DemoAnswer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private static void sendQuietly500(HttpExchange exchange) {
        try {
            send(exchange, DemoAnswer.error(500, "internal error"));
        } catch (IOException | RuntimeException ignored) {
            // headers already sent or the client went away: nothing more to tell it
        }
    }

    private static ExecutorService daemonPool(String name) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
