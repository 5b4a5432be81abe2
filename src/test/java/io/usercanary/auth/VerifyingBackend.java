package io.usercanary.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.firebase.auth.AbstractFirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import io.usercanary.demo.AccountDirectory;
import io.usercanary.demo.BackendRoutes;
import io.usercanary.demo.DemoAccount;
import io.usercanary.demo.DemoAnswer;
import io.usercanary.demo.DemoDatabase;
import io.usercanary.demo.DemoRequest;
import io.usercanary.demo.DemoTokens;
import io.usercanary.demo.RouteServer;
import io.usercanary.demo.TransientFault;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the product's backend: the demo's {@link BackendRoutes}, trusting the ID tokens firebase-admin's
 * {@code verifyIdToken} accepts against the emulator, handing out its own session tokens, and serving each
 * user's dashboard from what {@code POST /api/profile} stored. A user nothing was stored for gets the empty
 * dashboard of the incident. Runs on a free port.
 */
public final class VerifyingBackend implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AbstractFirebaseAuth auth;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> canaries = new ConcurrentHashMap<>();
    private final Map<String, String> markers = new ConcurrentHashMap<>();
    private final AtomicInteger verified = new AtomicInteger();
    private final EmulatorTokens tokens = new EmulatorTokens();
    private final RouteServer server;

    private VerifyingBackend(AbstractFirebaseAuth auth) throws IOException {
        this.auth = auth;
        AccountDirectory users = new AccountDirectory() {
            @Override
            public Optional<DemoAccount> signIn(String email, String password) {
                return Optional.empty();
            }

            @Override
            public Optional<DemoAccount> byLocalId(String uid) {
                return Optional.of(new DemoAccount(uid, "", "", uid, Instant.EPOCH, ""));
            }
        };
        BackendRoutes routes = new BackendRoutes(users, tokens, () -> DemoDatabase.PROD_MAIN, Clock.systemUTC(),
                TransientFault.NONE, (account, database, now) -> dashboard(account.localId()));
        this.server = RouteServer.start("verifying-backend",
                request -> request.path().equals("/api/profile") ? profile(request) : routes.answer(request));
    }

    public static VerifyingBackend start(AbstractFirebaseAuth auth) throws IOException {
        return new VerifyingBackend(auth);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** ID tokens verify() accepted so far. */
    public int verified() {
        return verified.get();
    }

    /** The marker stored for a uid, as provisioning left it. */
    public String marker(String uid) {
        return markers.get(uid);
    }

    private DemoAnswer profile(DemoRequest request) {
        Optional<String> uid = request.header("Authorization").filter(h -> h.startsWith("Bearer "))
                .flatMap(h -> tokens.verifySession(h.substring("Bearer ".length())));
        if (uid.isEmpty() || !request.method().equals("POST")) {
            return DemoAnswer.json(uid.isEmpty() ? 401 : 405, MAPPER.createObjectNode());
        }
        try {
            markers.put(uid.get(), MAPPER.readTree(request.body()).path("marker").asText());
        } catch (IOException e) {
            return DemoAnswer.error(400, "invalid JSON body");
        }
        return DemoAnswer.json(201, MAPPER.createObjectNode().put("stored", true));
    }

    private ObjectNode dashboard(String uid) {
        String marker = markers.get(uid);
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putArray("widgets");
        if (marker != null) {
            answer.withArray("widgets").add(1).add(2).add(3);
            answer.putObject("profile").put("marker", marker);
        }
        answer.put("canary", canaries.getOrDefault(uid, false));
        return answer;
    }

    /** ID tokens verified by the emulator; sessions are random {@code session-…} strings of this backend. */
    private final class EmulatorTokens implements DemoTokens {
        @Override
        public Optional<String> verifyIdToken(String idToken) {
            try {
                FirebaseToken token = auth.verifyIdToken(idToken);
                verified.incrementAndGet();
                canaries.put(token.getUid(), Boolean.TRUE.equals(token.getClaims().get("usercanary")));
                return Optional.of(token.getUid());
            } catch (FirebaseAuthException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        @Override
        public String session(String localId) {
            String session = "session-" + UUID.randomUUID();
            sessions.put(session, localId);
            return session;
        }

        @Override
        public Optional<String> verifySession(String token) {
            return Optional.ofNullable(sessions.get(token));
        }

        @Override
        public String idToken(DemoAccount account, Instant authTime) {
            throw new UnsupportedOperationException("the backend verifies ID tokens, the emulator mints them");
        }

        @Override
        public String refreshToken() {
            throw new UnsupportedOperationException("the backend verifies ID tokens, the emulator mints them");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
