package io.usercanary.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usercanary.http.JdkHttpServers;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercanary.probe.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP side on the JDK's own server: {@code /metrics}, {@code /-/healthy}, {@code /-/ready},
 * {@code POST /-/reload}, the status page {@code /} and run traces {@code /runs/{id}}.
 * Responses never carry a stack trace or a secret: an unexpected failure is a bare 500 and a log line.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String PLAIN = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final int GZIP_ABOVE = 1024;

    static {
        // A client that trickles its request must not hold one of the few handler threads forever.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "30");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "60");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final MetricsEndpoint metrics;
    private final DaemonControl control;

    private WebServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry, DaemonControl control) {
        this.server = server;
        this.executor = executor;
        this.metrics = new MetricsEndpoint(registry);
        this.control = control;
    }

    /** Listens on {@code bind:port} (port 0: any free port, see {@link #port()}) and serves until closed. */
    public static WebServer start(String bind, int port, PrometheusMeterRegistry registry, DaemonControl control)
            throws IOException {
        HttpServer server = JdkHttpServers.create(new InetSocketAddress(bind, port), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "usercanary-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        WebServer web = new WebServer(server, executor, registry, control);
        server.createContext("/", web::handle);
        server.setExecutor(executor);
        server.start();
        return web;
    }

    /** The port actually listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (IOException e) {
                LOG.debug("{} {}: client went away: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                respondQuietly(exchange, 500, PLAIN, "internal error (see the log)\n");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/-/reload")) {
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, PLAIN, "use POST to reload the config\n");
                return;
            }
            DaemonControl.Answer answer = control.reload();
            respond(exchange, answer.ok() ? 200 : 400, PLAIN, answer.message() + "\n");
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, PLAIN, "method not allowed\n");
            return;
        }
        switch (path) {
            case "/metrics" -> {
                MetricsEndpoint.Scrape scrape = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
                respond(exchange, 200, scrape.contentType(), scrape.body());
            }
            case "/-/healthy" -> answer(exchange, control.health());
            case "/-/ready" -> answer(exchange, control.readiness());
            case "/" -> respond(exchange, 200, HTML, StatusPage.render(control.config(), control.history(), Instant.now()));
            default -> {
                Optional<RunResult> run = path.startsWith("/runs/") ? run(path.substring("/runs/".length())) : Optional.empty();
                if (run.isPresent()) {
                    respond(exchange, 200, HTML, RunPage.render(run.get()));
                } else {
                    respond(exchange, 404, PLAIN, "not found\n");
                }
            }
        }
    }

    private Optional<RunResult> run(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return control.history().run(Long.parseLong(id));
    }

    private static void answer(HttpExchange exchange, DaemonControl.Answer answer) throws IOException {
        respond(exchange, answer.ok() ? 200 : 503, PLAIN, answer.message() + "\n");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        String encodings = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (body.length > GZIP_ABOVE && encodings != null && encodings.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4);
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(body);
            }
            body = zipped.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void respondQuietly(HttpExchange exchange, int status, String contentType, String body) {
        try {
            respond(exchange, status, contentType, body);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send the {} response: {}", status, e.toString());
        }
    }
}
