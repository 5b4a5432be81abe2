package io.usercanary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Firebase Auth REST and a backend on one MockWebServer, answering like production unless a route is
 * overridden with the exact fault to test. Accounts sign in with any password but {@link #WRONG_PASSWORD}.
 * {@link #start()} serves it on a loopback port of its own, for a test to {@link #close()} after each test.
 */
public final class FakeProduction extends Dispatcher implements AutoCloseable {
    public static final String SIGN_IN = "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword";
    public static final String LOOKUP = "/identitytoolkit.googleapis.com/v1/accounts:lookup";
    public static final String EXCHANGE = "/auth/firebase";
    public static final String DASHBOARD = "/api/dashboard";
    public static final String WRONG_PASSWORD = "wrong-password";
    /** Distinctive values a leak test searches every output for. */
    public static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1aWQtMSJ9.SECRET-ID-TOKEN-SIG";
    public static final String REFRESH_TOKEN = "SECRET-REFRESH-TOKEN-6b1f";
    public static final String JWT = "SECRET-BACKEND-JWT-93ac";

    private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> signIns = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Duration accountAge = Duration.ofDays(400);
    private MockWebServer server;

    /** A new production already serving on a free port: a test's field, closed in its {@code @AfterEach}. */
    public static FakeProduction start() {
        FakeProduction production = new FakeProduction();
        production.server = new MockWebServer();
        production.server.setDispatcher(production);
        try {
            production.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return production;
    }

    /** The server {@link #start()} started, to take the requests it received. */
    public MockWebServer server() {
        if (server == null) {
            throw new IllegalStateException("not started: FakeProduction.start() serves one");
        }
        return server;
    }

    /** {@code host:port} of the server: Firebase's emulatorHost and the backend both. */
    public String hostPort() {
        return server().getHostName() + ":" + server().getPort();
    }

    /** {@link TestConfigs#basic} pointed at this production. */
    public String basicConfig() {
        return TestConfigs.basic(hostPort(), "");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Answers {@code path} with {@code response} from now on. */
    public FakeProduction on(String path, MockResponse response) {
        overrides.put(path, response);
        return this;
    }

    public FakeProduction accountAge(Duration age) {
        this.accountAge = age;
        return this;
    }

    /** How many password sign-ins {@code email} sent, whatever they were answered. */
    public int signIns(String email) {
        AtomicInteger count = signIns.get(email);
        return count == null ? 0 : count.get();
    }

    /** How many requests went to {@code path}. */
    public int calls(String path) {
        AtomicInteger count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.equals(SIGN_IN) && request.getBody() != null) {
            String body = request.getBody().utf8();
            int at = body.indexOf("\"email\":\"");
            if (at >= 0) {
                String email = body.substring(at + 9, body.indexOf('"', at + 9));
                signIns.computeIfAbsent(email, e -> new AtomicInteger()).incrementAndGet();
            }
        }
        MockResponse override = overrides.get(path);
        if (override != null) {
            return override;
        }
        return switch (path) {
            case SIGN_IN -> signIn(request);
            case LOOKUP -> json(200, "{\"users\":[{\"localId\":\"uid-1\",\"createdAt\":\""
                    + Instant.now().minus(accountAge).toEpochMilli() + "\"}]}");
            case EXCHANGE -> json(200, "{\"data\":{\"session\":{\"accessToken\":\"" + JWT + "\"}}}");
            case DASHBOARD -> "Bearer SECRET-BACKEND-JWT-93ac".equals(request.getHeaders().get("Authorization"))
                    ? json(200, "{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-legacy\"}}")
                    : json(401, "{\"error\":\"unauthorized\"}");
            default -> json(404, "{\"error\":\"not found\"}");
        };
    }

    private static MockResponse signIn(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (body.contains(WRONG_PASSWORD)) {
            return firebaseError(400, "INVALID_LOGIN_CREDENTIALS");
        }
        return json(200, "{\"kind\":\"identitytoolkit#VerifyPasswordResponse\",\"localId\":\"uid-1\",\"idToken\":\""
                + ID_TOKEN + "\",\"refreshToken\":\"" + REFRESH_TOKEN + "\",\"expiresIn\":\"3600\",\"registered\":true}");
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** Firebase's error body: {@code {"error":{"code":400,"message":"INVALID_PASSWORD","errors":[...]}}}. */
    public static MockResponse firebaseError(int code, String message) {
        return json(code, "{\"error\":{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"errors\":[{\"message\":\"" + message + "\",\"domain\":\"global\",\"reason\":\"invalid\"}]}}");
    }
}
