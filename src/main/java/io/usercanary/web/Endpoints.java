package io.usercanary.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercanary.probe.RunResult;
import io.usercanary.webconfig.BasicAuth;
import io.usercanary.webconfig.WebConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes: {@code /metrics}, {@code /-/healthy}, {@code /-/ready}, {@code POST /-/reload}, {@code /} and
 * {@code /runs/{id}}, behind the web config's rate limit and basic auth. Every response carries the security
 * headers and {@code Cache-Control: no-store}; an unexpected failure is a bare 500 and a log line, never a stack
 * trace or a message. No request body is read: one that is announced is refused with 413.
 */
final class Endpoints extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    static final String PLAIN = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final int GZIP_ABOVE = 1024;

    private final MetricsEndpoint metrics;
    private final DaemonControl control;
    private final WebConfig security;
    private final boolean lifecycle;
    private final Optional<RequestRate> rate;
    private final LoginFailures failures = new LoginFailures();

    Endpoints(PrometheusMeterRegistry registry, DaemonControl control, WebConfig security, boolean lifecycle) {
        this.metrics = new MetricsEndpoint(registry);
        this.control = control;
        this.security = security;
        this.lifecycle = lifecycle;
        this.rate = security.rateLimit().map(RequestRate::new);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SecurityHeaders.apply(response.getHeaders(), security.headers());
        String path = Request.getPathInContext(request);
        try {
            route(request, response, callback, path);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", request.getMethod(), path, e);
            if (!response.isCommitted()) {
                response.reset();
                SecurityHeaders.apply(response.getHeaders(), security.headers());
                respond(request, response, callback, 500, PLAIN, "internal error (see the log)\n");
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String path) throws IOException {
        String method = request.getMethod();
        if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            respond(request, response, callback, 413, PLAIN, "request bodies are not accepted here\n");
            return;
        }
        if (rate.isPresent() && !rate.get().allow()) {
            respond(request, response, callback, 429, PLAIN, "too many requests\n");
            return;
        }
        BasicAuth auth = security.basicAuth();
        if (auth.enabled()) {
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (auth.authenticate(authorization).isEmpty()) {
                failures.refused(auth.claimedKnownUser(authorization), authorization != null, Request.getRemoteAddr(request));
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"usercanary\", charset=\"UTF-8\"");
                respond(request, response, callback, 401, PLAIN, "unauthorized\n");
                return;
            }
        }
        if (path.equals("/-/reload")) {
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                respond(request, response, callback, 405, PLAIN, "use POST to reload the config\n");
            } else if (!lifecycle) {
                respond(request, response, callback, 403, PLAIN,
                        "reloading over HTTP is off: start with --web.enable-lifecycle, or send SIGHUP\n");
            } else {
                DaemonControl.Answer answer = control.reload();
                respond(request, response, callback, answer.ok() ? 200 : 400, PLAIN, answer.message() + "\n");
            }
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            respond(request, response, callback, 405, PLAIN, "method not allowed\n");
            return;
        }
        switch (path) {
            case "/metrics" -> {
                MetricsEndpoint.Scrape scrape = metrics.scrape(request.getHeaders().get(HttpHeader.ACCEPT));
                respond(request, response, callback, 200, scrape.contentType(), scrape.body());
            }
            case "/-/healthy" -> answer(request, response, callback, control.health());
            case "/-/ready" -> answer(request, response, callback, control.readiness());
            case "/" -> respond(request, response, callback, 200, HTML,
                    StatusPage.render(control.config(), control.history(), Instant.now()));
            default -> {
                Optional<RunResult> run = path.startsWith("/runs/") ? run(path.substring("/runs/".length())) : Optional.empty();
                if (run.isPresent()) {
                    respond(request, response, callback, 200, HTML, RunPage.render(run.get()));
                } else {
                    respond(request, response, callback, 404, PLAIN, "not found\n");
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

    private static void answer(Request request, Response response, Callback callback, DaemonControl.Answer answer) {
        respond(request, response, callback, answer.ok() ? 200 : 503, PLAIN, answer.message() + "\n");
    }

    static void respond(Request request, Response response, Callback callback, int status, String contentType, String body) {
        respond(request, response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void respond(Request request, Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, contentType);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        String encodings = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (body.length > GZIP_ABOVE) {
            headers.put(HttpHeader.VARY, "Accept-Encoding");
            if (encodings != null && encodings.contains("gzip")) {
                body = gzip(body);
                headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
            }
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        // For HEAD, Jetty sends the headers (Content-Length included) and drops the body.
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException("gzip into memory cannot fail", e);
        }
        return zipped.toByteArray();
    }

    /** Jetty's own error answers (bad request, headers too large...): one plain line, the same headers, no stack trace. */
    static Request.Handler errors(Map<String, String> configured) {
        return (request, response, callback) -> {
            int status = response.getStatus() < 400 ? 500 : response.getStatus();
            response.getHeaders().clear();
            SecurityHeaders.apply(response.getHeaders(), configured);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            String reason = org.eclipse.jetty.http.HttpStatus.getMessage(status);
            respond(request, response, callback, status, PLAIN, status + " " + reason + "\n");
            return true;
        };
    }
}
