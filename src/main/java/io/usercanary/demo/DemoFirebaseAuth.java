package io.usercanary.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Firebase-Auth-compatible REST endpoint on {@code 127.0.0.1}, at the paths the Firebase Auth
 * emulator serves, so the monitor reaches it with {@code firebase.emulatorHost}. Any non-empty API
 * key is accepted, as the emulator does. Thread-safe.
 */
public final class DemoFirebaseAuth implements AutoCloseable {
    static final String SIGN_IN = "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword";
    static final String LOOKUP = "/identitytoolkit.googleapis.com/v1/accounts:lookup";
    static final String REFRESH = "/securetoken.googleapis.com/v1/token";
    private static final String EXPIRES_IN = Long.toString(DemoIdTokens.LIFETIME.toSeconds());
    /** Refresh tokens kept; older ones are forgotten (and then answer INVALID_REFRESH_TOKEN). */
    private static final int MAX_REFRESH_TOKENS = 1_000;

    private record Session(DemoAccount account, Instant authTime) {}

    private final DemoAccounts accounts;
    private final DemoIdTokens idTokens;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Session> sessions = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_REFRESH_TOKENS;
        }
    });
    private final Map<String, Instant> lastLogin = new ConcurrentHashMap<>();
    private final HttpServer server;

    private DemoFirebaseAuth(DemoAccounts accounts, DemoIdTokens idTokens, Clock clock, SecureRandom random)
            throws IOException {
        this.accounts = accounts;
        this.idTokens = idTokens;
        this.clock = clock;
        this.random = random;
        this.server = Exchanges.loopbackServer("demo-firebase-auth", this::handle);
    }

    /** Binds {@code 127.0.0.1:0} and starts serving. */
    public static DemoFirebaseAuth start(DemoAccounts accounts, DemoIdTokens idTokens, Clock clock, SecureRandom random)
            throws IOException {
        DemoFirebaseAuth auth = new DemoFirebaseAuth(accounts, idTokens, clock, random);
        auth.server.start();
        return auth;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:PORT}: the value for {@code firebase.emulatorHost}. */
    public String emulatorHost() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        Exchanges.stop(server);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean post = "POST".equals(exchange.getRequestMethod());
        if ("GET".equals(exchange.getRequestMethod()) && "/".equals(path)) {
            ObjectNode ready = Exchanges.JSON.createObjectNode();
            ready.putObject("authEmulator").put("ready", true);
            Exchanges.sendJson(exchange, 200, ready);
            return;
        }
        if (!post || !(path.equals(SIGN_IN) || path.equals(LOOKUP) || path.equals(REFRESH))) {
            FirebaseError.notFound().send(exchange);
            return;
        }
        if (Exchanges.query(exchange).getOrDefault("key", "").isEmpty()) {
            FirebaseError.missingApiKey().send(exchange);
            return;
        }
        String body = Exchanges.body(exchange);
        if (path.equals(REFRESH)) {
            refresh(exchange, body);
            return;
        }
        ObjectNode request = Exchanges.jsonObject(body);
        if (request == null) {
            FirebaseError.invalidJson("Unexpected token.").send(exchange);
        } else if (path.equals(SIGN_IN)) {
            signIn(exchange, request);
        } else {
            lookup(exchange, request);
        }
    }

    private void signIn(HttpExchange exchange, ObjectNode request) throws IOException {
        String email = request.path("email").asText("");
        String password = request.path("password").asText("");
        if (email.isEmpty() || password.isEmpty()) {
            FirebaseError.badRequest(email.isEmpty() ? "MISSING_EMAIL" : "MISSING_PASSWORD").send(exchange);
            return;
        }
        // Email-enumeration protection (Firebase's default since 2023): unknown email and wrong password look alike.
        Optional<DemoAccount> found = accounts.byEmail(email).filter(a -> samePassword(a.password(), password));
        if (found.isEmpty()) {
            FirebaseError.badRequest("INVALID_LOGIN_CREDENTIALS").send(exchange);
            return;
        }
        DemoAccount account = found.get();
        Instant now = clock.instant();
        lastLogin.put(account.localId(), now);
        String refreshToken = newRefreshToken();
        sessions.put(refreshToken, new Session(account, now));
        ObjectNode response = Exchanges.JSON.createObjectNode()
                .put("kind", "identitytoolkit#VerifyPasswordResponse")
                .put("localId", account.localId())
                .put("email", account.email())
                .put("displayName", "")
                .put("idToken", idTokens.issue(account, now))
                .put("registered", true)
                .put("refreshToken", refreshToken)
                .put("expiresIn", EXPIRES_IN);
        Exchanges.sendJson(exchange, 200, response);
    }

    private void lookup(HttpExchange exchange, ObjectNode request) throws IOException {
        String idToken = request.path("idToken").asText("");
        if (idToken.isEmpty()) {
            FirebaseError.badRequest("MISSING_ID_TOKEN").send(exchange);
            return;
        }
        Optional<DemoAccount> found = idTokens.verify(idToken).flatMap(v -> accounts.byLocalId(v.localId()));
        if (found.isEmpty()) {
            FirebaseError.badRequest("INVALID_ID_TOKEN").send(exchange);
            return;
        }
        DemoAccount account = found.get();
        long createdMs = account.createdAt().toEpochMilli();
        Instant lastLoginAt = lastLogin.getOrDefault(account.localId(), account.createdAt());
        ObjectNode response = Exchanges.JSON.createObjectNode().put("kind", "identitytoolkit#GetAccountInfoResponse");
        ObjectNode user = response.putArray("users").addObject()
                .put("localId", account.localId())
                .put("email", account.email())
                .put("emailVerified", false)
                .put("passwordUpdatedAt", createdMs);
        user.putArray("providerUserInfo").addObject()
                .put("providerId", "password")
                .put("federatedId", account.email())
                .put("email", account.email())
                .put("rawId", account.email());
        user.put("validSince", Long.toString(account.createdAt().getEpochSecond()))
                .put("lastLoginAt", Long.toString(lastLoginAt.toEpochMilli()))
                .put("createdAt", Long.toString(createdMs))
                .put("lastRefreshAt", clock.instant().toString());
        Exchanges.sendJson(exchange, 200, response);
    }

    private void refresh(HttpExchange exchange, String body) throws IOException {
        Map<String, String> form = Exchanges.form(body);
        String grantType = form.getOrDefault("grant_type", "");
        String refreshToken = form.getOrDefault("refresh_token", "");
        String error = grantType.isEmpty() ? "MISSING_GRANT_TYPE"
                : !grantType.equals("refresh_token") ? "INVALID_GRANT_TYPE"
                : refreshToken.isEmpty() ? "MISSING_REFRESH_TOKEN"
                : null;
        Session session = error == null ? sessions.get(refreshToken) : null;
        if (session == null) {
            FirebaseError.badRequest(error == null ? "INVALID_REFRESH_TOKEN" : error).send(exchange);
            return;
        }
        String idToken = idTokens.issue(session.account(), session.authTime());
        ObjectNode response = Exchanges.JSON.createObjectNode()
                .put("access_token", idToken)
                .put("expires_in", EXPIRES_IN)
                .put("token_type", "Bearer")
                .put("refresh_token", refreshToken)
                .put("id_token", idToken)
                .put("user_id", session.account().localId())
                .put("project_id", DemoIdTokens.PROJECT_ID);
        Exchanges.sendJson(exchange, 200, response);
    }

    private String newRefreshToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return "AMf-vB" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean samePassword(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
