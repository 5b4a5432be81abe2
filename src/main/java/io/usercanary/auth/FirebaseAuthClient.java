package io.usercanary.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usercanary.config.FirebaseConfig;
import io.usercanary.config.Secret;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.HttpResult;
import io.usercanary.http.JsonScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Firebase Auth REST calls the canary makes, each bounded by the flow's deadline. Thread-safe. */
public final class FirebaseAuthClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** idToken, refreshToken, expiresIn, localId: in sign-in answers, and in the secure token endpoint's snake_case. */
    private static final List<String> SIGN_IN_FIELDS = List.of("/idToken", "/refreshToken", "/expiresIn", "/localId");
    private static final List<String> REFRESH_FIELDS = List.of("/id_token", "/refresh_token", "/expires_in", "/user_id");
    private static final String CREATED_AT = "/users/0/createdAt";
    private static final String ERROR = "/error";
    private static final String ERROR_MESSAGE = "/error/message";
    /** Google's machine-readable reason, e.g. {@code API_KEY_HTTP_REFERRER_BLOCKED} beside a free-text message. */
    private static final String ERROR_REASON = "/error/details/0/reason";
    private static final String MFA_PENDING = "/mfaPendingCredential";

    private final BoundedHttp http;
    private final FirebaseEndpoints endpoints;
    private final Secret apiKey;
    private final String tenantId;
    private final Map<String, String> headers;
    /** The few endpoint URLs, each built once instead of on every call: by {@code accounts:} method, and with the API key. */
    private final Map<String, HttpUrl> accounts = new ConcurrentHashMap<>();
    private final Map<HttpUrl, HttpUrl> withKey = new ConcurrentHashMap<>();

    public FirebaseAuthClient(BoundedHttp http, FirebaseEndpoints endpoints, Secret apiKey) {
        this(http, endpoints, apiKey, null, Map.of());
    }

    /**
     * @param tenantId the Identity Platform tenant the sign-ins are in, or null
     * @param headers sent on every call ({@code firebase.headers}: a {@code Referer} for a key restricted to one)
     */
    public FirebaseAuthClient(BoundedHttp http, FirebaseEndpoints endpoints, Secret apiKey, String tenantId,
                              Map<String, String> headers) {
        this.http = http;
        this.endpoints = endpoints;
        this.apiKey = apiKey;
        this.tenantId = tenantId;
        this.headers = Map.copyOf(headers);
    }

    /** A client for {@code config}'s endpoints, key, tenant and headers. */
    public static FirebaseAuthClient of(BoundedHttp http, FirebaseConfig config) {
        return new FirebaseAuthClient(http, FirebaseEndpoints.of(config), config.apiKey(), config.tenantId(), config.headers());
    }

    /** Sees every raw exchange while its body is held (copy what you keep), e.g. for a run's trace; the URL it gets carries no API key. */
    public interface Observer extends BiConsumer<String, HttpResult> {}

    public FirebaseTokens signInWithPassword(String email, Secret password, Deadline deadline, Observer observer)
            throws FirebaseError, HttpFailure {
        ObjectNode body = MAPPER.createObjectNode()
                .put("email", email).put("password", password.reveal()).put("returnSecureToken", true);
        return signIn("signInWithPassword", body, deadline, observer);
    }

    public FirebaseTokens signInWithCustomToken(Secret customToken, Deadline deadline, Observer observer)
            throws FirebaseError, HttpFailure {
        ObjectNode body = MAPPER.createObjectNode().put("token", customToken.reveal()).put("returnSecureToken", true);
        return signIn("signInWithCustomToken", body, deadline, observer);
    }

    /** A sign-in in the tenant, if any; an answer asking for a second factor instead of giving tokens is refused clearly. */
    private FirebaseTokens signIn(String method, ObjectNode body, Deadline deadline, Observer observer)
            throws FirebaseError, HttpFailure {
        if (tenantId != null) {
            body.put("tenantId", tenantId);
        }
        List<String> fields = new ArrayList<>(SIGN_IN_FIELDS);
        fields.add(MFA_PENDING);
        Map<String, JsonScan.Value> answer = post(accounts(method), body, deadline, observer, fields);
        JsonScan.Value id = answer.get(SIGN_IN_FIELDS.get(0));
        if (answer.get(MFA_PENDING).type() != JsonScan.Type.MISSING && id.type() != JsonScan.Type.STRING) {
            throw new FirebaseError(200, FirebaseError.MFA_ENROLLED, "Firebase: this canary has MFA enrolled; turn it off"
                    + " for canaries or use `login: customToken`");
        }
        return tokens(answer, SIGN_IN_FIELDS);
    }

    /** Trades a refresh token for a new ID token (form-encoded request, snake_case answer). */
    public FirebaseTokens refresh(Secret refreshToken, Deadline deadline, Observer observer) throws FirebaseError, HttpFailure {
        RequestBody form = new FormBody.Builder()
                .add("grant_type", "refresh_token").add("refresh_token", refreshToken.reveal()).build();
        return tokens(send(endpoints.secureToken(), form, deadline, observer, REFRESH_FIELDS), REFRESH_FIELDS);
    }

    /** When the account was created, from {@code accounts:lookup}. */
    public Instant createdAt(Secret idToken, Deadline deadline, Observer observer) throws FirebaseError, HttpFailure {
        ObjectNode body = MAPPER.createObjectNode().put("idToken", idToken.reveal());
        if (tenantId != null) {
            body.put("tenantId", tenantId);
        }
        Map<String, JsonScan.Value> answer = post(accounts("lookup"), body, deadline, observer, List.of(CREATED_AT));
        JsonScan.Value createdAt = answer.get(CREATED_AT);
        if (createdAt.text() == null || createdAt.type() == JsonScan.Type.BOOLEAN) {
            throw new FirebaseError(200, "LOOKUP_WITHOUT_CREATED_AT");
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(createdAt.text()));
        } catch (NumberFormatException e) {
            throw new FirebaseError(200, "LOOKUP_WITHOUT_CREATED_AT");
        }
    }

    private HttpUrl accounts(String method) {
        return accounts.computeIfAbsent(method, endpoints::accounts);
    }

    private Map<String, JsonScan.Value> post(HttpUrl url, ObjectNode json, Deadline deadline, Observer observer, List<String> fields)
            throws FirebaseError, HttpFailure {
        return send(url, RequestBody.create(json.toString(), JSON), deadline, observer, fields);
    }

    /** The answer's values at {@code fields}, read while the body is held; an error answer becomes a FirebaseError. */
    private Map<String, JsonScan.Value> send(HttpUrl url, RequestBody body, Deadline deadline, Observer observer, List<String> fields)
            throws FirebaseError, HttpFailure {
        Request.Builder builder = new Request.Builder()
                .url(withKey.computeIfAbsent(url, u -> u.newBuilder().addQueryParameter("key", apiKey.reveal()).build()))
                .post(body);
        headers.forEach(builder::header);
        Request request = builder.build();
        return http.execute(request, deadline, result -> {
            observer.accept(url.encodedPath(), result);
            Map<String, JsonScan.Value> answer = parse(result, fields);
            if (result.status() != 200) {
                throw new FirebaseError(result.status(), errorCode(answer, result.status()));
            }
            if (answer == null) {
                throw new FirebaseError(result.status(), "RESPONSE_NOT_JSON");
            }
            return answer;
        });
    }

    private static Map<String, JsonScan.Value> parse(HttpResult result, List<String> fields) {
        List<String> wanted = new ArrayList<>(fields);
        wanted.add(ERROR);
        wanted.add(ERROR_MESSAGE);
        wanted.add(ERROR_REASON);
        try {
            return JsonScan.scan(result.body(), wanted);
        } catch (JsonScan.NotJson e) {
            return null;
        }
    }

    static String errorCode(Map<String, JsonScan.Value> answer, int status) {
        String message = answer == null ? "" : text(answer.get(ERROR_MESSAGE));
        if (message.isEmpty() && answer != null && answer.get(ERROR).type() == JsonScan.Type.STRING) {
            message = text(answer.get(ERROR)); // secure token endpoint on some errors
        }
        String reason = answer == null ? "" : text(answer.get(ERROR_REASON));
        if (reason.matches("[A-Z_]{1,64}") && (message.isEmpty() || !message.matches("[A-Z_]+( : .*)?"))) {
            return reason; // a free-text message with Google's reason beside it: the reason says more
        }
        if (message.startsWith("Requests from referer ")) {
            return FirebaseError.REFERRER_BLOCKED;
        }
        if (message.isEmpty()) {
            return "HTTP_" + status;
        }
        int explanation = message.indexOf(" : ");
        String code = (explanation < 0 ? message : message.substring(0, explanation)).trim();
        // Codes are upper-case words; a free-text message (an API-key complaint) is kept short and generic.
        return code.length() <= 64 && code.matches("[A-Z_]+") ? code : (status == 403 ? "PERMISSION_DENIED" : "HTTP_" + status);
    }

    private static FirebaseTokens tokens(Map<String, JsonScan.Value> answer, List<String> fields) throws FirebaseError {
        JsonScan.Value id = answer.get(fields.get(0));
        JsonScan.Value refresh = answer.get(fields.get(1));
        if (id.type() != JsonScan.Type.STRING || id.text() == null || id.text().isEmpty()) {
            throw new FirebaseError(200, "RESPONSE_WITHOUT_ID_TOKEN");
        }
        long seconds = seconds(answer.get(fields.get(2)));
        return new FirebaseTokens(Secret.of(id.text()),
                refresh.type() == JsonScan.Type.STRING && refresh.text() != null ? Secret.of(refresh.text()) : null,
                Duration.ofSeconds(seconds > 0 ? seconds : 3600),
                text(answer.get(fields.get(3))));
    }

    private static long seconds(JsonScan.Value expires) {
        try {
            return expires.text() == null ? 3600 : Long.parseLong(expires.text().trim());
        } catch (NumberFormatException e) {
            return 3600;
        }
    }

    private static String text(JsonScan.Value value) {
        return value == null || value.text() == null || !value.isScalar() ? "" : value.text();
    }
}
