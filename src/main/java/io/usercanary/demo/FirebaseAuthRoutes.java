package io.usercanary.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Firebase Auth's REST API as plain request → answer functions, at the paths the Firebase Auth emulator
 * serves: password sign-in, account lookup and token refresh. Any non-empty API key is accepted, as the
 * emulator does. {@link DemoFirebaseAuth} serves it on a port; a test can call {@link #answer} directly.
 * Thread-safe.
 */
public final class FirebaseAuthRoutes {
    public static final String SIGN_IN = "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword";
    public static final String LOOKUP = "/identitytoolkit.googleapis.com/v1/accounts:lookup";
    public static final String REFRESH = "/securetoken.googleapis.com/v1/token";
    private static final String EXPIRES_IN = Long.toString(DemoIdTokens.LIFETIME.toSeconds());
    /** Refresh tokens kept; older ones are forgotten (and then answer INVALID_REFRESH_TOKEN). */
    private static final int MAX_REFRESH_TOKENS = 1_000;

    private record Session(DemoAccount account, Instant authTime) {}

    private final AccountDirectory accounts;
    private final DemoTokens tokens;
    private final Clock clock;
    private final Map<String, Session> sessions = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_REFRESH_TOKENS;
        }
    });
    private final Map<String, Instant> lastLogin = new ConcurrentHashMap<>();

    public FirebaseAuthRoutes(AccountDirectory accounts, DemoTokens tokens, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The answer Firebase Auth (its emulator) gives {@code request}. */
    public DemoAnswer answer(DemoRequest request) {
        String path = request.path();
        boolean post = "POST".equals(request.method());
        if ("GET".equals(request.method()) && "/".equals(path)) {
            ObjectNode ready = Exchanges.JSON.createObjectNode();
            ready.putObject("authEmulator").put("ready", true);
            return DemoAnswer.json(200, ready);
        }
        if (!post || !(path.equals(SIGN_IN) || path.equals(LOOKUP) || path.equals(REFRESH))) {
            return FirebaseError.notFound().answer();
        }
        if (request.query().getOrDefault("key", "").isEmpty()) {
            return FirebaseError.missingApiKey().answer();
        }
        if (path.equals(REFRESH)) {
            return refresh(request.body());
        }
        ObjectNode json = Exchanges.jsonObject(request.body());
        if (json == null) {
            return FirebaseError.invalidJson("Unexpected token.").answer();
        }
        return path.equals(SIGN_IN) ? signIn(json) : lookup(json);
    }

    private DemoAnswer signIn(ObjectNode request) {
        String email = request.path("email").asText("");
        String password = request.path("password").asText("");
        if (email.isEmpty() || password.isEmpty()) {
            return FirebaseError.badRequest(email.isEmpty() ? "MISSING_EMAIL" : "MISSING_PASSWORD").answer();
        }
        Optional<DemoAccount> found = accounts.signIn(email, password);
        if (found.isEmpty()) {
            return FirebaseError.badRequest("INVALID_LOGIN_CREDENTIALS").answer();
        }
        DemoAccount account = found.get();
        Instant now = clock.instant();
        lastLogin.put(account.localId(), now);
        String refreshToken = tokens.refreshToken();
        sessions.put(refreshToken, new Session(account, now));
        ObjectNode response = Exchanges.JSON.createObjectNode()
                .put("kind", "identitytoolkit#VerifyPasswordResponse")
                .put("localId", account.localId())
                .put("email", account.email())
                .put("displayName", "")
                .put("idToken", tokens.idToken(account, now))
                .put("registered", true)
                .put("refreshToken", refreshToken)
                .put("expiresIn", EXPIRES_IN);
        return DemoAnswer.json(200, response);
    }

    private DemoAnswer lookup(ObjectNode request) {
        String idToken = request.path("idToken").asText("");
        if (idToken.isEmpty()) {
            return FirebaseError.badRequest("MISSING_ID_TOKEN").answer();
        }
        Optional<DemoAccount> found = tokens.verifyIdToken(idToken).flatMap(accounts::byLocalId);
        if (found.isEmpty()) {
            return FirebaseError.badRequest("INVALID_ID_TOKEN").answer();
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
        return DemoAnswer.json(200, response);
    }

    private DemoAnswer refresh(String body) {
        Map<String, String> form = Exchanges.form(body);
        String grantType = form.getOrDefault("grant_type", "");
        String refreshToken = form.getOrDefault("refresh_token", "");
        String error = grantType.isEmpty() ? "MISSING_GRANT_TYPE"
                : !grantType.equals("refresh_token") ? "INVALID_GRANT_TYPE"
                : refreshToken.isEmpty() ? "MISSING_REFRESH_TOKEN"
                : null;
        Session session = error == null ? sessions.get(refreshToken) : null;
        if (session == null) {
            return FirebaseError.badRequest(error == null ? "INVALID_REFRESH_TOKEN" : error).answer();
        }
        String idToken = tokens.idToken(session.account(), session.authTime());
        ObjectNode response = Exchanges.JSON.createObjectNode()
                .put("access_token", idToken)
                .put("expires_in", EXPIRES_IN)
                .put("token_type", "Bearer")
                .put("refresh_token", refreshToken)
                .put("id_token", idToken)
                .put("user_id", session.account().localId())
                .put("project_id", DemoIdTokens.PROJECT_ID);
        return DemoAnswer.json(200, response);
    }
}
