package io.usercanary.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usercanary.config.Secret;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.HttpResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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

    private final BoundedHttp http;
    private final FirebaseEndpoints endpoints;
    private final Secret apiKey;

    public FirebaseAuthClient(BoundedHttp http, FirebaseEndpoints endpoints, Secret apiKey) {
        this.http = http;
        this.endpoints = endpoints;
        this.apiKey = apiKey;
    }

    /** Sees every raw exchange, e.g. for a run's trace; the URL it gets carries no API key. */
    public interface Observer extends BiConsumer<String, HttpResult> {}

    public FirebaseTokens signInWithPassword(String email, Secret password, Deadline deadline, Observer observer)
            throws FirebaseError, HttpFailure {
        ObjectNode body = MAPPER.createObjectNode()
                .put("email", email).put("password", password.reveal()).put("returnSecureToken", true);
        JsonNode answer = post(endpoints.accounts("signInWithPassword"), body, deadline, observer);
        return tokens(answer.path("idToken"), answer.path("refreshToken"), answer.path("expiresIn"), answer.path("localId"));
    }

    public FirebaseTokens signInWithCustomToken(Secret customToken, Deadline deadline, Observer observer)
            throws FirebaseError, HttpFailure {
        ObjectNode body = MAPPER.createObjectNode().put("token", customToken.reveal()).put("returnSecureToken", true);
        JsonNode answer = post(endpoints.accounts("signInWithCustomToken"), body, deadline, observer);
        return tokens(answer.path("idToken"), answer.path("refreshToken"), answer.path("expiresIn"), answer.path("localId"));
    }

    /** Trades a refresh token for a new ID token (form-encoded request, snake_case answer). */
    public FirebaseTokens refresh(Secret refreshToken, Deadline deadline, Observer observer) throws FirebaseError, HttpFailure {
        RequestBody form = new FormBody.Builder()
                .add("grant_type", "refresh_token").add("refresh_token", refreshToken.reveal()).build();
        JsonNode answer = send(endpoints.secureToken(), form, deadline, observer);
        return tokens(answer.path("id_token"), answer.path("refresh_token"), answer.path("expires_in"), answer.path("user_id"));
    }

    /** When the account was created, from {@code accounts:lookup}. */
    public Instant createdAt(Secret idToken, Deadline deadline, Observer observer) throws FirebaseError, HttpFailure {
        JsonNode answer = post(endpoints.accounts("lookup"), MAPPER.createObjectNode().put("idToken", idToken.reveal()),
                deadline, observer);
        JsonNode createdAt = answer.path("users").path(0).path("createdAt");
        if (!createdAt.isTextual() && !createdAt.isNumber()) {
            throw new FirebaseError(200, "LOOKUP_WITHOUT_CREATED_AT");
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(createdAt.asText()));
        } catch (NumberFormatException e) {
            throw new FirebaseError(200, "LOOKUP_WITHOUT_CREATED_AT");
        }
    }

    private JsonNode post(HttpUrl url, ObjectNode json, Deadline deadline, Observer observer) throws FirebaseError, HttpFailure {
        return send(url, RequestBody.create(json.toString(), JSON), deadline, observer);
    }

    private JsonNode send(HttpUrl url, RequestBody body, Deadline deadline, Observer observer) throws FirebaseError, HttpFailure {
        Request request = new Request.Builder()
                .url(url.newBuilder().addQueryParameter("key", apiKey.reveal()).build())
                .post(body)
                .build();
        HttpResult result = http.execute(request, deadline);
        observer.accept(url.encodedPath(), result);
        JsonNode answer = parse(result);
        if (result.status() != 200) {
            throw new FirebaseError(result.status(), errorCode(answer, result.status()));
        }
        if (answer == null) {
            throw new FirebaseError(result.status(), "RESPONSE_NOT_JSON");
        }
        return answer;
    }

    private static JsonNode parse(HttpResult result) {
        try {
            JsonNode node = MAPPER.readTree(result.body());
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    static String errorCode(JsonNode answer, int status) {
        String message = answer == null ? "" : answer.path("error").path("message").asText("");
        if (message.isEmpty() && answer != null && answer.path("error").isTextual()) {
            message = answer.path("error").asText(); // secure token endpoint on some errors
        }
        if (message.isEmpty()) {
            return "HTTP_" + status;
        }
        int explanation = message.indexOf(" : ");
        String code = (explanation < 0 ? message : message.substring(0, explanation)).trim();
        // Codes are upper-case words; a free-text message (an API-key complaint) is kept short and generic.
        return code.matches("[A-Z_]+") ? code : (status == 403 ? "PERMISSION_DENIED" : "HTTP_" + status);
    }

    private static FirebaseTokens tokens(JsonNode id, JsonNode refresh, JsonNode expires, JsonNode localId) throws FirebaseError {
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new FirebaseError(200, "RESPONSE_WITHOUT_ID_TOKEN");
        }
        long seconds = expires.asLong(3600);
        return new FirebaseTokens(Secret.of(id.asText()),
                refresh.isTextual() ? Secret.of(refresh.asText()) : null,
                Duration.ofSeconds(seconds > 0 ? seconds : 3600),
                localId.asText(""));
    }
}
