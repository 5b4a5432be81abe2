package io.usercanary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usercanary.demo.AccountDirectory;
import io.usercanary.demo.AnyPasswordAccounts;
import io.usercanary.demo.BackendRoutes;
import io.usercanary.demo.DemoAccount;
import io.usercanary.demo.DemoAnswer;
import io.usercanary.demo.DemoDatabase;
import io.usercanary.demo.DemoRequest;
import io.usercanary.demo.DemoTokens;
import io.usercanary.demo.FirebaseAuthRoutes;
import io.usercanary.demo.TransientFault;
import java.time.Clock;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Firebase Auth REST and a backend on one MockWebServer, answered by the demo's own routes
 * ({@link FirebaseAuthRoutes}, {@link BackendRoutes}) unless a route is overridden with the exact fault to
 * test. Accounts sign in with any password but {@link #WRONG_PASSWORD}, all as uid {@code uid-1}, and get
 * the distinctive {@code SECRET-…} tokens below, which a leak test searches every output for; any ID token
 * passes the lookup and the exchange, only {@link #JWT} the backend. {@link #start()} serves it on a loopback
 * port of its own, for a test to {@link #close()} after each test.
 */
public final class FakeProduction extends Dispatcher implements AutoCloseable {
    private static final String FIREBASE = "/identitytoolkit.googleapis.com/";
    private static final String SECURE_TOKEN = "/securetoken.googleapis.com/";
    public static final String SIGN_IN = "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword";
    public static final String LOOKUP = "/identitytoolkit.googleapis.com/v1/accounts:lookup";
    public static final String EXCHANGE = "/auth/firebase";
    public static final String DASHBOARD = "/api/dashboard";
    public static final String WRONG_PASSWORD = "wrong-password";
    /** Distinctive values a leak test searches every output for. */
    public static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1aWQtMSJ9.SECRET-ID-TOKEN-SIG";
    public static final String REFRESH_TOKEN = "SECRET-REFRESH-TOKEN-6b1f";
    public static final String JWT = "SECRET-BACKEND-JWT-93ac";
    private static final String UID = "uid-1";
    private static final ObjectNode HEALTHY_DASHBOARD = new ObjectMapper().createObjectNode();

    static {
        HEALTHY_DASHBOARD.putArray("widgets").add(1).add(2).add(3);
        HEALTHY_DASHBOARD.putObject("profile").put("marker", "m-legacy");
    }

    private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> signIns = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Duration accountAge = Duration.ofDays(400);
    private final FirebaseAuthRoutes firebase;
    private final BackendRoutes backend;
    private MockWebServer server;

    /** A production to serve with a MockWebServer of the caller's; {@link #start()} serves one itself. */
    public FakeProduction() {
        AccountDirectory anyAccount = new AnyPasswordAccounts(UID, WRONG_PASSWORD, () -> Instant.now().minus(accountAge));
        DemoTokens tokens = new SecretTokens();
        this.firebase = new FirebaseAuthRoutes(anyAccount, tokens, Clock.systemUTC());
        this.backend = new BackendRoutes(anyAccount, tokens, () -> DemoDatabase.PROD_MAIN, Clock.systemUTC(),
                TransientFault.NONE, (account, database, now) -> HEALTHY_DASHBOARD.deepCopy());
    }

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
        DemoRequest demoRequest = DemoRequest.of(request.getMethod(), path, request.getUrl().encodedQuery(),
                request.getHeaders().toMultimap(), request.getBody() == null ? "" : request.getBody().utf8());
        DemoAnswer answer = path.startsWith(FIREBASE) || path.startsWith(SECURE_TOKEN)
                ? firebase.answer(demoRequest)
                : backend.answer(demoRequest);
        MockResponse.Builder response = new MockResponse.Builder().code(answer.status());
        answer.headers().forEach(response::addHeader);
        return response.body(new Buffer().write(answer.body())).build();
    }

    /** The tokens a leak test looks for: the same {@code SECRET-…} ones for every account. */
    private static final class SecretTokens implements DemoTokens {
        @Override
        public String idToken(DemoAccount account, Instant authTime) {
            return ID_TOKEN;
        }

        @Override
        public Optional<String> verifyIdToken(String idToken) {
            return idToken.isEmpty() ? Optional.empty() : Optional.of(UID);
        }

        @Override
        public String refreshToken() {
            return REFRESH_TOKEN;
        }

        @Override
        public String session(String localId) {
            return JWT;
        }

        @Override
        public Optional<String> verifySession(String token) {
            return token.equals(JWT) ? Optional.of(UID) : Optional.empty();
        }
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
