package io.usercanary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Proves the plumbing: scripts/test started a Firebase Auth emulator that signs users up and in. */
@Tag("component")
class FirebaseEmulatorSmokeTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    private String host;
    private String project;

    @BeforeEach
    void wipeAccounts() throws IOException {
        host = Components.firebaseEmulatorHost();
        project = Components.firebaseEmulatorProject();
        Request wipe = new Request.Builder()
                .url(base().addPathSegments("emulator/v1/projects").addPathSegment(project)
                        .addPathSegment("accounts").build())
                .delete()
                .build();
        try (Response response = client.newCall(wipe).execute()) {
            assertEquals(200, response.code(), "wiping the emulator's accounts");
        }
    }

    @Test
    void signedUpUserSignsInWithAnIdToken() throws IOException {
        JsonNode signUp = identityToolkit("accounts:signUp", "smoke@example.test", "s3cret-pass", 200);
        assertFalse(signUp.path("localId").asText().isEmpty(), "signUp returns a localId");

        JsonNode signIn = identityToolkit("accounts:signInWithPassword", "smoke@example.test", "s3cret-pass", 200);
        assertFalse(signIn.path("idToken").asText().isEmpty(), "signIn returns an idToken");
        assertEquals(signUp.path("localId").asText(), signIn.path("localId").asText());
    }

    @Test
    void wrongPasswordIsRejectedWith400AndAReason() throws IOException {
        identityToolkit("accounts:signUp", "smoke@example.test", "s3cret-pass", 200);

        JsonNode error = identityToolkit("accounts:signInWithPassword", "smoke@example.test", "wrong-pass", 400);
        String message = error.path("error").path("message").asText();
        assertTrue(message.startsWith("INVALID_PASSWORD") || message.startsWith("INVALID_LOGIN_CREDENTIALS"),
                "error message was: " + message);
    }

    private JsonNode identityToolkit(String method, String email, String password, int expectedCode)
            throws IOException {
        HttpUrl url = base().addPathSegments("identitytoolkit.googleapis.com/v1").addPathSegment(method)
                .addQueryParameter("key", "any-key-works-on-the-emulator")
                .build();
        byte[] body = MAPPER.writeValueAsBytes(
                Map.of("email", email, "password", password, "returnSecureToken", true));
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            assertEquals(expectedCode, response.code(), method + " answered: " + text);
            return MAPPER.readTree(text);
        }
    }

    private HttpUrl.Builder base() {
        return HttpUrl.get("http://" + host + "/").newBuilder();
    }
}
