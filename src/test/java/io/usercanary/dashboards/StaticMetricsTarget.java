package io.usercanary.dashboards;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A scrape target for tests: serves {@code /metrics} in Prometheus text format 0.0.4 on a free loopback
 * port. The body is computed per scrape from the number of scrapes before it, so counters can grow.
 */
public final class StaticMetricsTarget implements AutoCloseable {
    /** Prometheus 3 rejects a blank Content-Type; 2.x falls back to it too. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final AtomicInteger scrapes = new AtomicInteger();

    private StaticMetricsTarget(IntFunction<String> body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.apply(scrapes.getAndIncrement()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Starts serving; {@code body} gets the number of earlier scrapes (0 on the first). */
    public static StaticMetricsTarget serve(IntFunction<String> body) throws IOException {
        return new StaticMetricsTarget(body);
    }

    /** {@code 127.0.0.1:port}, as a Prometheus static target. */
    public String hostPort() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public int scrapes() {
        return scrapes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
