package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Talks to the demo servers with okhttp the way the monitor does: JSON and form posts, bearer GETs. */
final class DemoClient implements AutoCloseable {
    static final String API_KEY = "demo-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /** One HTTP answer, body parsed as JSON. */
    record Reply(int status, JsonNode body, Headers headers) {}

    private final OkHttpClient http = new OkHttpClient();

    Reply postJson(String url, String json) {
        return call(new Request.Builder().url(url).post(RequestBody.create(json, JSON_TYPE)).build());
    }

    Reply postRaw(String url, String body, String contentType) {
        return call(new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get(contentType))).build());
    }

    Reply postForm(String url, Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        return call(new Request.Builder().url(url).post(form.build()).build());
    }

    Reply get(String url, String bearer) {
        Request.Builder request = new Request.Builder().url(url);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return call(request.build());
    }

    Reply signIn(String emulatorHost, String email, String password) {
        String body = JSON.createObjectNode().put("email", email).put("password", password)
                .put("returnSecureToken", true).toString();
        return postJson("http://" + emulatorHost + DemoFirebaseAuth.SIGN_IN + "?key=" + API_KEY, body);
    }

    Reply lookup(String emulatorHost, String idToken) {
        return postJson("http://" + emulatorHost + DemoFirebaseAuth.LOOKUP + "?key=" + API_KEY,
                JSON.createObjectNode().put("idToken", idToken).toString());
    }

    Reply exchange(String baseUrl, String idToken) {
        return postJson(baseUrl + "/auth/firebase", JSON.createObjectNode().put("idToken", idToken).toString());
    }

    /** Sign-in then exchange, asserting both succeed: the backend JWT. */
    String login(String emulatorHost, String baseUrl, DemoAccount account) {
        Reply signIn = signIn(emulatorHost, account.email(), account.password());
        assertEquals(200, signIn.status(), () -> "sign-in of " + account.name() + ": " + signIn.body());
        Reply exchange = exchange(baseUrl, signIn.body().path("idToken").asText());
        assertEquals(200, exchange.status(), () -> "exchange for " + account.name() + ": " + exchange.body());
        return exchange.body().at("/data/session/accessToken").asText();
    }

    private Reply call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            JsonNode body = text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
            return new Reply(response.code(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
