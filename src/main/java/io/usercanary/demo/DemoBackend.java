package io.usercanary.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sample customer backend on {@code 127.0.0.1}: trades a Firebase ID token for its own session
 * JWT and serves each account's dashboard from whichever database it is pointed at right now: as
 * one URL ({@code /api/dashboard}, {@code /api/projects}) and, as real apps load it, "who am I"
 * ({@code /api/me}) then the organisation's totals ({@code /api/orgs/{id}/summary}). Thread-safe.
 */
public final class DemoBackend implements AutoCloseable {
    /** Response header naming the database that answered: {@code prod-main} or {@code prod-main-clone}. */
    public static final String DB_NAME_HEADER = "X-Db-Name";

    private final DemoAccounts accounts;
    private final DemoIdTokens idTokens;
    private final BackendSessions sessions;
    private final Supplier<DemoDatabase> database;
    private final Clock clock;
    private final TransientFault fault;
    private final HttpServer server;

    private DemoBackend(DemoAccounts accounts, DemoIdTokens idTokens, Supplier<DemoDatabase> database,
            Clock clock, SecureRandom random, TransientFault fault) throws IOException {
        this.fault = fault;
        this.accounts = accounts;
        this.idTokens = idTokens;
        this.sessions = new BackendSessions(clock, random);
        this.database = database;
        this.clock = clock;
        this.server = Exchanges.loopbackServer("demo-backend", this::handle);
    }

    /**
     * Binds {@code 127.0.0.1:0} and starts serving.
     *
     * @param database asked on every API request, so a timeline can repoint the backend at any moment
     */
    public static DemoBackend start(DemoAccounts accounts, DemoIdTokens idTokens, Supplier<DemoDatabase> database,
            Clock clock, SecureRandom random) throws IOException {
        return start(accounts, idTokens, database, clock, random, TransientFault.NONE);
    }

    /** The same, with one transient 502 per account's dashboard request after the fault's time. */
    public static DemoBackend start(DemoAccounts accounts, DemoIdTokens idTokens, Supplier<DemoDatabase> database,
            Clock clock, SecureRandom random, TransientFault fault) throws IOException {
        DemoBackend backend = new DemoBackend(accounts, idTokens, database, clock, random, fault);
        backend.server.start();
        return backend;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}: the value for {@code backend.baseUrl}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        Exchanges.stop(server);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        switch (route) {
            case "POST /auth/firebase" -> exchangeIdToken(exchange);
            case "GET /api/dashboard", "GET /api/projects", "GET /api/me" -> serveApi(exchange);
            default -> {
                if (route.startsWith("GET " + DemoPayloads.ORGS) && route.endsWith(DemoPayloads.SUMMARY)) {
                    serveApi(exchange);
                } else {
                    sendError(exchange, 404, "not found");
                }
            }
        }
    }

    private void exchangeIdToken(HttpExchange exchange) throws IOException {
        ObjectNode request = Exchanges.jsonObject(Exchanges.body(exchange));
        if (request == null) {
            sendError(exchange, 400, "invalid JSON body");
            return;
        }
        Optional<DemoAccount> account = idTokens.verify(request.path("idToken").asText(""))
                .flatMap(verified -> accounts.byLocalId(verified.localId()));
        if (account.isEmpty()) {
            sendError(exchange, 401, "invalid token");
            return;
        }
        String jwt = sessions.issue(account.get().localId());
        long maxAge = BackendSessions.LIFETIME.toSeconds();
        exchange.getResponseHeaders().add("Set-Cookie",
                "session=" + jwt + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax");
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putObject("data").putObject("session").put("accessToken", jwt).put("expiresIn", maxAge);
        Exchanges.sendJson(exchange, 200, body);
    }

    private void serveApi(HttpExchange exchange) throws IOException {
        Optional<DemoAccount> account = sessionToken(exchange)
                .flatMap(sessions::verify)
                .flatMap(accounts::byLocalId);
        if (account.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            sendError(exchange, 401, "missing or invalid bearer token");
            return;
        }
        DemoDatabase db = database.get();
        Instant now = clock.instant();
        if (exchange.getRequestURI().getPath().equals("/api/dashboard") && fault.strikes(account.get().localId(), now)) {
            sendError(exchange, 502, "bad gateway (a single transient error)");
            return;
        }
        exchange.getResponseHeaders().set(DB_NAME_HEADER, db.databaseName());
        String path = exchange.getRequestURI().getPath();
        ObjectNode body = switch (path) {
            case "/api/dashboard" -> DemoPayloads.dashboard(account.get(), db, now);
            case "/api/projects" -> DemoPayloads.projects(account.get(), db, now);
            case "/api/me" -> DemoPayloads.me(account.get());
            default -> DemoPayloads.summary(account.get(), path, db, now);
        };
        if (body == null) {
            sendError(exchange, 404, "no such organisation");
            return;
        }
        Exchanges.sendJson(exchange, 200, body);
    }

    /** The bearer token, else the {@code session} cookie the exchange set (as a browser would send it). */
    private static Optional<String> sessionToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            return authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")
                    ? Optional.of(authorization.substring("bearer ".length()).trim())
                    : Optional.empty();
        }
        List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        return cookies.stream()
                .flatMap(header -> List.of(header.split(";")).stream())
                .map(String::trim)
                .filter(pair -> pair.startsWith("session="))
                .map(pair -> pair.substring("session=".length()))
                .findFirst();
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        Exchanges.sendJson(exchange, status, Exchanges.JSON.createObjectNode().put("error", message));
    }
}
