package io.usercanary.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sample customer backend as plain request → answer functions: trades a Firebase ID token for its
 * own session JWT and serves each account's dashboard from whichever database it is pointed at right
 * now: as one URL ({@code /api/dashboard}, {@code /api/projects}) and, as real apps load it, "who am I"
 * ({@code /api/me}) then the organisation's totals ({@code /api/orgs/{id}/summary}). {@link DemoBackend}
 * serves it on a port; a test can call {@link #answer} directly. Thread-safe.
 */
public final class BackendRoutes {
    private final AccountDirectory accounts;
    private final DemoTokens tokens;
    private final Supplier<DemoDatabase> database;
    private final Clock clock;
    private final TransientFault fault;
    private final Dashboard dashboard;

    /** What {@code GET /api/dashboard} shows an account: {@link DemoPayloads#dashboard} in the demo. */
    @FunctionalInterface
    public interface Dashboard {
        ObjectNode render(DemoAccount account, DemoDatabase database, Instant now);
    }

    /** The demo's backend: {@link DemoPayloads}' dashboards. */
    BackendRoutes(AccountDirectory accounts, DemoTokens tokens, Supplier<DemoDatabase> database, Clock clock,
            TransientFault fault) {
        this(accounts, tokens, database, clock, fault, DemoPayloads::dashboard);
    }

    /**
     * @param database  asked on every API request, so a timeline can repoint the backend at any moment
     * @param fault     one transient 502 per account's dashboard request after the fault's time
     * @param dashboard the body of a healthy {@code GET /api/dashboard}
     */
    public BackendRoutes(AccountDirectory accounts, DemoTokens tokens, Supplier<DemoDatabase> database, Clock clock,
            TransientFault fault, Dashboard dashboard) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.database = database;
        this.clock = clock;
        this.fault = fault;
        this.dashboard = dashboard;
    }

    /** The answer the backend gives {@code request}. */
    public DemoAnswer answer(DemoRequest request) {
        String route = request.method() + " " + request.path();
        return switch (route) {
            case "POST /auth/firebase" -> exchangeIdToken(request);
            case "GET /api/dashboard", "GET /api/projects", "GET /api/me" -> serveApi(request);
            default -> route.startsWith("GET " + DemoPayloads.ORGS) && route.endsWith(DemoPayloads.SUMMARY)
                    ? serveApi(request)
                    : DemoAnswer.error(404, "not found");
        };
    }

    private DemoAnswer exchangeIdToken(DemoRequest request) {
        ObjectNode json = Exchanges.jsonObject(request.body());
        if (json == null) {
            return DemoAnswer.error(400, "invalid JSON body");
        }
        Optional<DemoAccount> account = tokens.verifyIdToken(json.path("idToken").asText("")).flatMap(accounts::byLocalId);
        if (account.isEmpty()) {
            return DemoAnswer.error(401, "invalid token");
        }
        String jwt = tokens.session(account.get().localId());
        long maxAge = BackendSessions.LIFETIME.toSeconds();
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putObject("data").putObject("session").put("accessToken", jwt).put("expiresIn", maxAge);
        return DemoAnswer.json(200, body)
                .withHeader("Set-Cookie", "session=" + jwt + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax");
    }

    private DemoAnswer serveApi(DemoRequest request) {
        Optional<DemoAccount> account = sessionToken(request)
                .flatMap(tokens::verifySession)
                .flatMap(accounts::byLocalId);
        if (account.isEmpty()) {
            return DemoAnswer.error(401, "missing or invalid bearer token").withHeader("WWW-Authenticate", "Bearer");
        }
        DemoDatabase db = database.get();
        Instant now = clock.instant();
        String path = request.path();
        if (path.equals("/api/dashboard") && fault.strikes(account.get().localId(), now)) {
            return DemoAnswer.error(502, "bad gateway (a single transient error)");
        }
        ObjectNode body = switch (path) {
            case "/api/dashboard" -> dashboard.render(account.get(), db, now);
            case "/api/projects" -> DemoPayloads.projects(account.get(), db, now);
            case "/api/me" -> DemoPayloads.me(account.get());
            default -> DemoPayloads.summary(account.get(), path, db, now);
        };
        DemoAnswer answer = body == null ? DemoAnswer.error(404, "no such organisation") : DemoAnswer.json(200, body);
        return answer.withHeader(DemoBackend.DB_NAME_HEADER, db.databaseName());
    }

    /** The bearer token, else the {@code session} cookie the exchange set (as a browser would send it). */
    private static Optional<String> sessionToken(DemoRequest request) {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            String value = authorization.get();
            return value.toLowerCase(Locale.ROOT).startsWith("bearer ")
                    ? Optional.of(value.substring("bearer ".length()).trim())
                    : Optional.empty();
        }
        return request.headers("Cookie").stream()
                .flatMap(header -> List.of(header.split(";")).stream())
                .map(String::trim)
                .filter(pair -> pair.startsWith("session="))
                .map(pair -> pair.substring("session=".length()))
                .findFirst();
    }
}
