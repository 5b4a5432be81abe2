package io.usercanary.auth;

import static io.usercanary.testing.FakeProduction.firebaseError;
import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.config.Secret;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact requests Firebase gets (tenant, headers) and how its refusals of a canary's setup read. */
class FirebaseAuthClientTest {
    static final String TOKENS = "{\"idToken\":\"id-1\",\"refreshToken\":\"refresh-1\",\"expiresIn\":\"3600\",\"localId\":\"uid-1\"}";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @StartStop
    final MockWebServer server = new MockWebServer();

    FirebaseAuthClient client(String tenantId, Map<String, String> headers) {
        return new FirebaseAuthClient(new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP),
                FirebaseEndpoints.emulator(server.getHostName() + ":" + server.getPort()), Secret.of("key-1"), tenantId, headers);
    }

    static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(5));
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return MAPPER.readTree(request.getBody().utf8());
    }

    @Test
    void aPasswordSignInCarriesTheTenantInItsBody() throws Exception {
        server.enqueue(json(200, TOKENS));
        client("customers-eu", Map.of()).signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {});
        JsonNode body = body(server.takeRequest());
        assertEquals("customers-eu", body.get("tenantId").asText());
        assertEquals("c@example.com", body.get("email").asText());
        assertTrue(body.get("returnSecureToken").asBoolean());
    }

    @Test
    void aCustomTokenSignInAndTheLookupCarryTheTenantToo() throws Exception {
        server.enqueue(json(200, TOKENS));
        server.enqueue(json(200, "{\"users\":[{\"createdAt\":\"1700000000000\"}]}"));
        FirebaseAuthClient client = client("customers-eu", Map.of());
        client.signInWithCustomToken(Secret.of("custom-1"), deadline(), (p, r) -> {});
        client.createdAt(Secret.of("id-1"), deadline(), (p, r) -> {});
        assertEquals("customers-eu", body(server.takeRequest()).get("tenantId").asText());
        assertEquals("customers-eu", body(server.takeRequest()).get("tenantId").asText());
    }

    @Test
    void withoutATenantNoTenantIdIsSent() throws Exception {
        server.enqueue(json(200, TOKENS));
        client(null, Map.of()).signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {});
        assertNull(body(server.takeRequest()).get("tenantId"));
    }

    @Test
    void firebaseHeadersGoOnSignInRefreshAndLookup() throws Exception {
        server.enqueue(json(200, TOKENS));
        server.enqueue(json(200, "{\"id_token\":\"id-2\",\"refresh_token\":\"refresh-2\",\"expires_in\":\"3600\"}"));
        server.enqueue(json(200, "{\"users\":[{\"createdAt\":\"1700000000000\"}]}"));
        FirebaseAuthClient client = client(null, Map.of("Referer", "https://app.example.com/", "X-Ios-Bundle-Identifier", "com.example.app"));
        client.signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {});
        client.refresh(Secret.of("refresh-1"), deadline(), (p, r) -> {});
        client.createdAt(Secret.of("id-2"), deadline(), (p, r) -> {});
        for (int i = 0; i < 3; i++) {
            RecordedRequest request = server.takeRequest();
            assertEquals("https://app.example.com/", request.getHeaders().get("Referer"), request.getUrl().toString());
            assertEquals("com.example.app", request.getHeaders().get("X-Ios-Bundle-Identifier"));
        }
    }

    /** Google's answer to a key restricted to referrers, as the Identity Toolkit sends it. */
    static final String REFERRER_BLOCKED = """
            {"error":{"code":403,"message":"Requests from referer <empty> are blocked.","errors":[{"message":
            "Requests from referer <empty> are blocked.","domain":"global","reason":"forbidden"}],"status":"PERMISSION_DENIED",
            "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_HTTP_REFERRER_BLOCKED",
            "domain":"googleapis.com","metadata":{"service":"identitytoolkit.googleapis.com","consumer":"projects/1"}}]}}""";

    @Test
    void aReferrerRestrictedKeyIsNamedWithWhatToSend() {
        server.enqueue(json(403, REFERRER_BLOCKED));
        FirebaseError error = assertThrows(FirebaseError.class,
                () -> client(null, Map.of()).signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {}));
        assertEquals(FirebaseError.REFERRER_BLOCKED, error.code());
        assertEquals("Firebase: API_KEY_HTTP_REFERRER_BLOCKED (HTTP 403): the API key is restricted to HTTP referrers;"
                + " send an allowed one with firebase.headers: { Referer: \"https://your.app/\" }", error.getMessage());
    }

    @Test
    void theRefererMessageAloneIsEnough() {
        server.enqueue(json(403, "{\"error\":{\"code\":403,\"message\":\"Requests from referer https://evil.example/ are blocked.\"}}"));
        FirebaseError error = assertThrows(FirebaseError.class,
                () -> client(null, Map.of()).signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {}));
        assertEquals(FirebaseError.REFERRER_BLOCKED, error.code());
    }

    @Test
    void anAccountWithMfaEnrolledIsRefusedWithWhatToDo() {
        server.enqueue(json(200, "{\"localId\":\"uid-1\",\"email\":\"c@example.com\",\"mfaPendingCredential\":\"AMzJoSm-pending\","
                + "\"mfaInfo\":[{\"mfaEnrollmentId\":\"e-1\",\"phoneInfo\":\"+*******0100\"}]}"));
        FirebaseError error = assertThrows(FirebaseError.class,
                () -> client(null, Map.of()).signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {}));
        assertEquals(FirebaseError.MFA_ENROLLED, error.code());
        assertEquals("Firebase: this canary has MFA enrolled; turn it off for canaries or use `login: customToken`", error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "TENANT_DISABLED              | Firebase: TENANT_DISABLED: the Identity Platform tenant in firebase.tenantId is disabled; enable it or use another",
            "PROJECT_DISABLED             | Firebase: PROJECT_DISABLED: sign-in is disabled for the project, or for the tenant in firebase.tenantId",
            "TENANT_NOT_FOUND             | Firebase: TENANT_NOT_FOUND: firebase.tenantId names no tenant of this project",
            "TENANT_ID_MISMATCH           | Firebase: TENANT_ID_MISMATCH: the account is not in firebase.tenantId's tenant (seed it there)",
    })
    void tenantRefusalsSayWhatIsWrongWithTheTenant(String code, String detail) {
        server.enqueue(firebaseError(400, code));
        FirebaseError error = assertThrows(FirebaseError.class,
                () -> client("customers-eu", Map.of()).signInWithPassword("c@example.com", Secret.of("pw"), deadline(), (p, r) -> {}));
        assertEquals(code, error.code());
        assertEquals(detail, error.getMessage());
        assertTrue(FirebaseError.DOCUMENTED_CODES.contains(code), "labelled by name in the metrics");
    }
}
