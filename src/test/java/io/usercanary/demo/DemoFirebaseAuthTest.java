package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.demo.DemoClient.Reply;
import io.usercanary.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoFirebaseAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = TestClock.startingAt("2026-11-02T09:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final DemoAccounts accounts = DemoAccounts.seed(clock.instant(), random);
    private final DemoIdTokens idTokens = new DemoIdTokens(clock, random);
    private final DemoClient client = new DemoClient();
    private DemoFirebaseAuth auth;
    private String base;

    @BeforeEach
    void start() throws Exception {
        auth = DemoFirebaseAuth.start(accounts, idTokens, clock, random);
        base = "http://" + auth.emulatorHost();
    }

    @AfterEach
    void stop() {
        auth.close();
        client.close();
    }

    private DemoAccount account(String name) {
        return accounts.byName(name).orElseThrow();
    }

    private String idTokenOf(String name) {
        DemoAccount account = account(name);
        return client.signIn(auth.emulatorHost(), account.email(), account.password()).body().path("idToken").asText();
    }

    @Test
    void bindsLoopbackOnAnEphemeralPort() {
        assertTrue(auth.port() > 0);
        assertEquals("127.0.0.1:" + auth.port(), auth.emulatorHost());
    }

    @Test
    void rootAnswersReadyLikeTheEmulator() {
        Reply reply = client.get(base + "/", null);
        assertEquals(200, reply.status());
        assertTrue(reply.body().at("/authEmulator/ready").asBoolean());
    }

    @Test
    void unknownPathIsFirebasesNotFound() {
        Reply reply = client.postJson(base + "/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k", "{}");
        assertEquals(404, reply.status());
        assertEquals("NOT_FOUND", reply.body().at("/error/status").asText());
    }

    @Nested
    class SignInWithPassword {
        @Test
        void rightPasswordAnswersTheVerifyPasswordResponse() {
            DemoAccount account = account("new-3d");
            Reply reply = client.signIn(auth.emulatorHost(), account.email(), account.password());

            assertEquals(200, reply.status());
            JsonNode body = reply.body();
            assertEquals("identitytoolkit#VerifyPasswordResponse", body.path("kind").asText());
            assertEquals(account.localId(), body.path("localId").asText());
            assertEquals(account.email(), body.path("email").asText());
            assertEquals("", body.path("displayName").asText("absent"));
            assertTrue(body.path("registered").asBoolean());
            assertEquals("3600", body.path("expiresIn").textValue());
            assertEquals(3, body.path("idToken").asText().split("\\.").length);
            assertFalse(body.path("refreshToken").asText().isEmpty());
        }

        @Test
        void idTokenCarriesFirebasesClaims() throws Exception {
            DemoAccount account = account("veteran-3y");
            String payload = idTokenOf("veteran-3y").split("\\.")[1];
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));

            assertEquals("https://securetoken.google.com/demo-usercanary", claims.path("iss").asText());
            assertEquals("demo-usercanary", claims.path("aud").asText());
            assertEquals(account.localId(), claims.path("sub").asText());
            assertEquals(account.localId(), claims.path("user_id").asText());
            assertEquals(account.email(), claims.path("email").asText());
            assertEquals(clock.instant().getEpochSecond(), claims.path("auth_time").asLong());
            assertEquals(3600, claims.path("exp").asLong() - claims.path("iat").asLong());
        }

        @Test
        void emailIsMatchedWhateverItsCase() {
            DemoAccount account = account("recent-2mo");
            assertEquals(200, client.signIn(auth.emulatorHost(), account.email().toUpperCase(), account.password()).status());
        }

        @Test
        void wrongPasswordGivesFirebasesExactErrorBody() throws Exception {
            Reply reply = client.signIn(auth.emulatorHost(), account("new-3d").email(), "not-the-password");

            assertEquals(400, reply.status());
            assertEquals(JSON.readTree("""
                    {"error":{"code":400,"message":"INVALID_LOGIN_CREDENTIALS","errors":[
                      {"message":"INVALID_LOGIN_CREDENTIALS","domain":"global","reason":"invalid"}]}}
                    """), reply.body());
        }

        @Test
        void unknownEmailLooksExactlyLikeAWrongPassword() {
            Reply unknown = client.signIn(auth.emulatorHost(), "nobody@demo.usercanary.invalid", "whatever");
            Reply wrong = client.signIn(auth.emulatorHost(), account("new-3d").email(), "whatever");
            assertEquals(wrong.status(), unknown.status());
            assertEquals(wrong.body(), unknown.body());
        }

        @Test
        void missingPasswordIsMissingPassword() {
            Reply reply = client.postJson(base + DemoFirebaseAuth.SIGN_IN + "?key=k",
                    "{\"email\":\"" + account("new-3d").email() + "\"}");
            assertEquals(400, reply.status());
            assertEquals("MISSING_PASSWORD", reply.body().at("/error/message").asText());
        }

        @Test
        void missingApiKeyIsPermissionDenied() {
            Reply reply = client.postJson(base + DemoFirebaseAuth.SIGN_IN, "{}");
            assertEquals(403, reply.status());
            assertEquals(403, reply.body().at("/error/code").asInt());
            assertEquals("PERMISSION_DENIED", reply.body().at("/error/status").asText());
            assertTrue(reply.body().at("/error/message").asText().contains("API key"));
        }

        @Test
        void malformedJsonIsAnInvalidArgument() {
            Reply reply = client.postJson(base + DemoFirebaseAuth.SIGN_IN + "?key=k", "{\"email\": ");
            assertEquals(400, reply.status());
            assertEquals("INVALID_ARGUMENT", reply.body().at("/error/status").asText());
            assertTrue(reply.body().at("/error/message").asText().startsWith("Invalid JSON payload received."));
            assertEquals("parseError", reply.body().at("/error/errors/0/reason").asText());
        }
    }

    @Nested
    class Lookup {
        @ParameterizedTest(name = "{0} is {1} days old")
        @CsvSource({"new-3d, 3", "recent-2mo, 60", "established-8mo, 240", "veteran-3y, 1095"})
        void createdAtMakesEachAccountAsOldAsItsName(String name, long days) {
            Reply reply = client.lookup(auth.emulatorHost(), idTokenOf(name));

            assertEquals(200, reply.status());
            assertEquals("identitytoolkit#GetAccountInfoResponse", reply.body().path("kind").asText());
            JsonNode user = reply.body().at("/users/0");
            assertEquals(account(name).localId(), user.path("localId").asText());
            assertTrue(user.path("createdAt").isTextual(), "createdAt is a string of milliseconds, as Firebase sends it");
            Instant createdAt = Instant.ofEpochMilli(Long.parseLong(user.path("createdAt").asText()));
            Duration age = Duration.between(createdAt, clock.instant());
            assertTrue(age.minus(Duration.ofDays(days)).abs().compareTo(Duration.ofMinutes(1)) < 0, "age " + age);
            assertEquals("password", user.at("/providerUserInfo/0/providerId").asText());
            assertTrue(user.path("passwordHash").isMissingNode());
        }

        @Test
        void lastLoginAtIsTheSignInTime() {
            String idToken = idTokenOf("new-3d");
            clock.advance(Duration.ofMinutes(5));
            JsonNode user = client.lookup(auth.emulatorHost(), idToken).body().at("/users/0");
            assertEquals(Long.toString(clock.instant().minus(Duration.ofMinutes(5)).toEpochMilli()),
                    user.path("lastLoginAt").asText());
        }

        @Test
        void tamperedIdTokenIsAnInvalidIdToken() {
            String idToken = idTokenOf("new-3d");
            Reply reply = client.lookup(auth.emulatorHost(), idToken.substring(0, idToken.length() - 2) + "xx");
            assertEquals(400, reply.status());
            assertEquals("INVALID_ID_TOKEN", reply.body().at("/error/message").asText());
        }

        @Test
        void expiredIdTokenIsAnInvalidIdToken() {
            String idToken = idTokenOf("new-3d");
            clock.advance(Duration.ofMinutes(61));
            assertEquals("INVALID_ID_TOKEN", client.lookup(auth.emulatorHost(), idToken).body().at("/error/message").asText());
        }
    }

    @Nested
    class RefreshToken {
        private String url() {
            return base + DemoFirebaseAuth.REFRESH + "?key=" + DemoClient.API_KEY;
        }

        @Test
        void refreshTokenAnswersInSnakeCaseWithAFreshIdToken() {
            DemoAccount account = account("established-8mo");
            String refreshToken = client.signIn(auth.emulatorHost(), account.email(), account.password())
                    .body().path("refreshToken").asText();
            clock.advance(Duration.ofMinutes(59));

            Reply reply = client.postForm(url(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));

            assertEquals(200, reply.status());
            JsonNode body = reply.body();
            assertEquals("3600", body.path("expires_in").textValue());
            assertEquals("Bearer", body.path("token_type").asText());
            assertEquals(refreshToken, body.path("refresh_token").asText());
            assertEquals(account.localId(), body.path("user_id").asText());
            assertEquals("demo-usercanary", body.path("project_id").asText());
            assertEquals(body.path("id_token").asText(), body.path("access_token").asText());
            clock.advance(Duration.ofMinutes(30));
            assertEquals(200, client.lookup(auth.emulatorHost(), body.path("id_token").asText()).status(),
                    "the refreshed token outlives the first one");
        }

        @Test
        void unknownRefreshTokenIsAnInvalidRefreshToken() {
            Reply reply = client.postForm(url(), Map.of("grant_type", "refresh_token", "refresh_token", "AMf-vBnope"));
            assertEquals(400, reply.status());
            assertEquals("INVALID_REFRESH_TOKEN", reply.body().at("/error/message").asText());
        }

        @Test
        void malformedFormEscapeIsAnInvalidRefreshTokenNotAServerError() {
            Reply reply = client.postRaw(url(), "grant_type=refresh_token&refresh_token=%zz",
                    "application/x-www-form-urlencoded");
            assertEquals(400, reply.status());
            assertEquals("INVALID_REFRESH_TOKEN", reply.body().at("/error/message").asText());
        }

        @Test
        void otherGrantTypesAreInvalidGrantType() {
            Reply reply = client.postForm(url(), Map.of("grant_type", "password", "refresh_token", "x"));
            assertEquals("INVALID_GRANT_TYPE", reply.body().at("/error/message").asText());
        }
    }
}
