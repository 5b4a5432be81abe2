package io.usercanary.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.firebase.auth.AbstractFirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the product's backend: verifies the Firebase ID token with firebase-admin's
 * {@code verifyIdToken} against the emulator, hands out its own session token, and serves each user's
 * dashboard from what {@code POST /api/profile} stored. A user nothing was stored for gets the empty
 * dashboard of the incident. Runs on a free port.
 */
public final class VerifyingBackend implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final AbstractFirebaseAuth auth;
    private final Map<String, FirebaseToken> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> markers = new ConcurrentHashMap<>();
    private final AtomicInteger verified = new AtomicInteger();

    private VerifyingBackend(AbstractFirebaseAuth auth) throws IOException {
        this.auth = auth;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth/firebase", this::exchange);
        server.createContext("/api/profile", this::profile);
        server.createContext("/api/dashboard", this::dashboard);
        server.start();
    }

    public static VerifyingBackend start(AbstractFirebaseAuth auth) throws IOException {
        return new VerifyingBackend(auth);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** ID tokens verify() accepted so far. */
    public int verified() {
        return verified.get();
    }

    /** The marker stored for a uid, as provisioning left it. */
    public String marker(String uid) {
        return markers.get(uid);
    }

    private void exchange(HttpExchange http) throws IOException {
        JsonNode body = MAPPER.readTree(http.getRequestBody());
        try {
            FirebaseToken token = auth.verifyIdToken(body.path("idToken").asText());
            verified.incrementAndGet();
            String session = "session-" + UUID.randomUUID();
            sessions.put(session, token);
            respond(http, 200, MAPPER.createObjectNode().set("data",
                    MAPPER.createObjectNode().set("session", MAPPER.createObjectNode().put("accessToken", session))));
        } catch (FirebaseAuthException | IllegalArgumentException e) {
            respond(http, 401, MAPPER.createObjectNode().put("error", "invalid ID token"));
        }
    }

    private void profile(HttpExchange http) throws IOException {
        FirebaseToken user = session(http);
        if (user == null || !http.getRequestMethod().equals("POST")) {
            respond(http, user == null ? 401 : 405, MAPPER.createObjectNode());
            return;
        }
        markers.put(user.getUid(), MAPPER.readTree(http.getRequestBody()).path("marker").asText());
        respond(http, 201, MAPPER.createObjectNode().put("stored", true));
    }

    private void dashboard(HttpExchange http) throws IOException {
        FirebaseToken user = session(http);
        if (user == null) {
            respond(http, 401, MAPPER.createObjectNode().put("error", "unauthorized"));
            return;
        }
        String marker = markers.get(user.getUid());
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putArray("widgets");
        if (marker != null) {
            answer.withArray("widgets").add(1).add(2).add(3);
            answer.putObject("profile").put("marker", marker);
        }
        answer.put("canary", Boolean.TRUE.equals(user.getClaims().get("usercanary")));
        respond(http, 200, answer);
    }

    private FirebaseToken session(HttpExchange http) {
        String header = http.getRequestHeaders().getFirst("Authorization");
        return header == null || !header.startsWith("Bearer ") ? null : sessions.get(header.substring("Bearer ".length()));
    }

    private static void respond(HttpExchange http, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
