package io.usercanary.probe;

import static io.usercanary.testing.FakeProduction.SIGN_IN;
import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.FakeProduction;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** firebase.tenantId and firebase.headers through a whole run: on every Firebase call, never on the backend's. */
class FirebaseSettingsFlowTest {
    final FakeProduction production = FakeProduction.start();
    final MockWebServer server = production.server();

    @AfterEach
    void stop() {
        production.close();
    }

    RunResult run() throws Exception {
        String yaml = production.basicConfig().replace("  apiKey: SECRET-API-KEY-77d2\n",
                "  apiKey: SECRET-API-KEY-77d2\n  tenantId: customers-eu\n  headers: { Referer: \"https://app.example.com/\" }\n");
        return Flows.runFirst(yaml);
    }

    @Test
    void theRefererGoesToFirebaseOnlyAndTheTenantIntoTheSignIn() throws Exception {
        RunResult result = run();
        assertEquals(Outcome.OK, result.outcome(), result.detail());
        RecordedRequest signIn = server.takeRequest();
        assertEquals(SIGN_IN, signIn.getUrl().encodedPath());
        assertTrue(signIn.getBody().utf8().contains("\"tenantId\":\"customers-eu\""), signIn.getBody().utf8());
        assertEquals("https://app.example.com/", signIn.getHeaders().get("Referer"));
        RecordedRequest lookup = server.takeRequest();
        assertEquals("https://app.example.com/", lookup.getHeaders().get("Referer"));
        RecordedRequest exchange = server.takeRequest();
        assertEquals("/auth/firebase", exchange.getUrl().encodedPath());
        assertNull(exchange.getHeaders().get("Referer"), "not on the backend's exchange");
        RecordedRequest check = server.takeRequest();
        assertNull(check.getHeaders().get("Referer"), "not on the backend's checks");
    }

    @Test
    void aReferrerBlockedKeyIsLoginFailedWithWhatToDo() throws Exception {
        production.on(SIGN_IN, json(403, "{\"error\":{\"code\":403,\"message\":\"Requests from referer https://app.example.com/"
                + " are blocked.\",\"status\":\"PERMISSION_DENIED\",\"details\":[{\"reason\":\"API_KEY_HTTP_REFERRER_BLOCKED\"}]}}"));
        RunResult result = run();
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("API_KEY_HTTP_REFERRER_BLOCKED", result.firebaseErrorLabel().orElseThrow());
        assertTrue(result.detail().startsWith("Firebase: API_KEY_HTTP_REFERRER_BLOCKED (HTTP 403): the API key is restricted"),
                result.detail());
    }
}
