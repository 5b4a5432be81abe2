package io.usercanary.probe;

import static io.usercanary.testing.FakeProduction.DASHBOARD;
import static io.usercanary.testing.FakeProduction.EXCHANGE;
import static io.usercanary.testing.FakeProduction.LOOKUP;
import static io.usercanary.testing.FakeProduction.SIGN_IN;
import static io.usercanary.testing.FakeProduction.firebaseError;
import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.ConfigException;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.TestConfigs;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlowRunnerTest {
    final FakeProduction production = FakeProduction.start();
    final MockWebServer server = production.server();

    @AfterEach
    void stop() {
        production.close();
    }

    RunResult runBasic() throws ConfigException {
        return run(production.basicConfig());
    }

    RunResult run(String yaml, long bodyCap) throws ConfigException {
        return Flows.runFirst(yaml, bodyCap);
    }

    RunResult run(String yaml) throws ConfigException {
        return Flows.runFirst(yaml);
    }

    String hostPort() {
        return production.hostPort();
    }

    @Test
    void healthyAccountIsOkWithEveryStepTimed() throws Exception {
        RunResult result = runBasic();
        assertEquals(Outcome.OK, result.outcome(), result.detail());
        assertEquals("established", result.cohort(), "400 days old falls past recent (180d)");
        assertEquals(400, result.ageSeconds().orElseThrow() / 86_400);
        assertEquals(4, result.steps().size());
        assertEquals("password", result.loginPath());
        assertTrue(result.steps().stream().allMatch(s -> !s.duration().isNegative()));
        assertEquals(3, result.payload().stream().filter(p -> p.pointer().equals("/widgets")).findFirst().orElseThrow().items());
    }

    @Test
    void idTokenIsSentInTheExchangeBodyAndJwtAsBearerOnChecks() throws Exception {
        runBasic();
        RecordedRequest signIn = server.takeRequest();
        assertTrue(signIn.getUrl().toString().contains("key="), "API key as query parameter");
        server.takeRequest(); // lookup
        RecordedRequest exchange = server.takeRequest();
        assertEquals("{\"idToken\":\"" + FakeProduction.ID_TOKEN + "\"}", exchange.getBody().utf8());
        RecordedRequest check = server.takeRequest();
        assertEquals("Bearer " + FakeProduction.JWT, check.getHeaders().get("Authorization"));
    }

    @Nested
    class Login {
        @Test
        void wrongPasswordIsLoginFailedWithFirebasesCode() throws Exception {
            production.on(SIGN_IN, firebaseError(400, "INVALID_LOGIN_CREDENTIALS"));
            RunResult result = runBasic();
            assertEquals(Outcome.LOGIN_FAILED, result.outcome());
            assertEquals("Firebase: INVALID_LOGIN_CREDENTIALS", result.detail());
            assertEquals("INVALID_LOGIN_CREDENTIALS", result.firebaseError().orElseThrow());
            assertEquals(1, result.steps().size(), "nothing runs after a failed login");
        }

        @Test
        void throttlingMessageIsSplitAtItsExplanation() throws Exception {
            production.on(SIGN_IN, firebaseError(400,
                    "TOO_MANY_ATTEMPTS_TRY_LATER : Access to this account has been temporarily disabled"));
            RunResult result = runBasic();
            assertEquals(Outcome.LOGIN_FAILED, result.outcome());
            assertEquals("TOO_MANY_ATTEMPTS_TRY_LATER", result.firebaseError().orElseThrow());
        }

        @Test
        void disabledUserIsLoginFailed() throws Exception {
            production.on(SIGN_IN, firebaseError(400, "USER_DISABLED"));
            assertEquals("Firebase: USER_DISABLED", runBasic().detail());
        }

        @Test
        void failedLookupIsLoginFailedAtTheLookupStep() throws Exception {
            production.on(LOOKUP, firebaseError(400, "INVALID_ID_TOKEN"));
            RunResult result = runBasic();
            assertEquals(Outcome.LOGIN_FAILED, result.outcome());
            assertEquals("lookup: Firebase: INVALID_ID_TOKEN", result.detail());
            assertEquals(Step.LOOKUP, result.steps().get(1).step());
        }

        @Test
        void cohortComesFromAgeWhenTheAccountHasNone() throws Exception {
            production.accountAge(Duration.ofDays(3));
            assertEquals("new", runBasic().cohort());
            production.accountAge(Duration.ofDays(60));
            assertEquals("recent", runBasic().cohort());
        }
    }

    @Nested
    class Exchange {
        @Test
        void unexpectedStatusIsExchangeFailed() throws Exception {
            production.on(EXCHANGE, json(401, "{\"error\":\"invalid token\"}"));
            RunResult result = runBasic();
            assertEquals(Outcome.EXCHANGE_FAILED, result.outcome());
            assertEquals("exchange: expected status 2xx, got 401", result.detail());
        }

        @Test
        void missingTokenIsExchangeFailedNamingThePointer() throws Exception {
            production.on(EXCHANGE, json(200, "{\"data\":{}}"));
            RunResult result = runBasic();
            assertEquals(Outcome.EXCHANGE_FAILED, result.outcome());
            assertEquals("exchange: no token at json /data/session/accessToken", result.detail());
        }

        @Test
        void tokenCanComeFromAResponseHeader() throws Exception {
            production.on(EXCHANGE, new MockResponse.Builder().code(204).addHeader("X-Session-Token", FakeProduction.JWT).build());
            String yaml = TestConfigs.basic(hostPort(), "").replace("token: { json: /data/session/accessToken }",
                    "token: { header: X-Session-Token }");
            assertEquals(Outcome.OK, run(yaml).outcome());
        }

        @Test
        void tokenCanComeFromACookieThatIsAlsoSentOnTheChecks() throws Exception {
            production.on(EXCHANGE, new MockResponse.Builder().code(200)
                    .addHeader("Set-Cookie", "session=" + FakeProduction.JWT + "; Path=/; HttpOnly").build());
            String yaml = TestConfigs.basic(hostPort(), "").replace("token: { json: /data/session/accessToken }",
                    "token: { cookie: session }");
            assertEquals(Outcome.OK, run(yaml).outcome());
            server.takeRequest();
            server.takeRequest();
            server.takeRequest();
            assertEquals("session=" + FakeProduction.JWT, server.takeRequest().getHeaders().get("Cookie"));
        }

        @Test
        void withoutAnExchangeTheIdTokenIsTheBearer() throws Exception {
            String yaml = TestConfigs.basic(hostPort(), "").replaceAll("(?s)  exchange:.*?accessToken }\n", "");
            production.on(DASHBOARD, json(200, "{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-legacy\"}}"));
            assertEquals(Outcome.OK, run(yaml).outcome());
            server.takeRequest();
            server.takeRequest();
            assertEquals("Bearer " + FakeProduction.ID_TOKEN, server.takeRequest().getHeaders().get("Authorization"));
        }
    }

    @Nested
    class Checks {
        @Test
        void emptyWidgetsArrayIsClassifiedAsEmpty() throws Exception {
            production.on(DASHBOARD, json(200, "{\"widgets\":[],\"profile\":{\"marker\":\"m-legacy\"}}"));
            RunResult result = runBasic();
            assertEquals(Outcome.EMPTY, result.outcome());
            assertEquals("overview: /widgets is an empty array (+1 more)", result.detail());
            assertEquals(0, result.payload().get(0).items());
        }

        @Test
        void missingProfileIsEmptyEvenWhenTheMarkerCannotMatch() throws Exception {
            production.on(DASHBOARD, json(200, "{\"widgets\":[1,2,3]}"));
            RunResult result = runBasic();
            assertEquals(Outcome.EMPTY, result.outcome());
            assertEquals("overview: /profile is missing", result.detail());
        }

        @Test
        void fewerItemsThanMinItemsIsEmpty() throws Exception {
            production.on(DASHBOARD, json(200, "{\"widgets\":[1],\"profile\":{\"marker\":\"m-legacy\"}}"));
            assertEquals("overview: /widgets has 1 items, expected at least 3", runBasic().detail());
        }

        @Test
        void otherAccountsMarkerIsMismatch() throws Exception {
            production.on(DASHBOARD, json(200, "{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-someone-else\"}}"));
            RunResult result = runBasic();
            assertEquals(Outcome.MISMATCH, result.outcome());
            assertEquals("overview: /profile/marker is m-someone-else, expected m-legacy", result.detail());
        }

        @Test
        void wrongDatabaseHeaderIsMismatch() throws Exception {
            production.on(DASHBOARD, new MockResponse.Builder().code(200).addHeader("X-Db-Name", "staging")
                    .body("{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-legacy\"}}").build());
            String yaml = TestConfigs.basic(hostPort(), "").replace("      status: 200\n",
                    "      status: 200\n      headers: { X-Db-Name: prod-main }\n");
            RunResult result = run(yaml);
            assertEquals(Outcome.MISMATCH, result.outcome());
            assertEquals("overview: expected X-Db-Name prod-main, got staging", result.detail());
        }

        @Test
        void accountSpecificExpectationsAddToTheCheck() throws Exception {
            String yaml = TestConfigs.basic(hostPort(), "").replace("    vars: { marker: m-legacy }\n",
                    "    vars: { marker: m-legacy }\n    expect:\n      overview: { minItems: { /widgets: 5 } }\n");
            assertEquals("overview: /widgets has 3 items, expected at least 5", run(yaml).detail());
        }

        @Test
        void serverErrorIsHttpError() throws Exception {
            production.on(DASHBOARD, json(502, "<html>bad gateway</html>"));
            RunResult result = runBasic();
            assertEquals(Outcome.HTTP_ERROR, result.outcome());
            assertEquals("overview: expected status 200, got 502", result.detail());
        }

        @Test
        void htmlInsteadOfJsonIsInvalidPayload() throws Exception {
            production.on(DASHBOARD, json(200, "<html>maintenance</html>"));
            RunResult result = runBasic();
            assertEquals(Outcome.INVALID_PAYLOAD, result.outcome());
            assertTrue(result.detail().startsWith("overview: body is not JSON: Unexpected character"), result.detail());
        }

        @Test
        void truncatedJsonIsInvalidPayload() throws Exception {
            production.on(DASHBOARD, json(200, "{\"widgets\":[1,2,3],\"profile\":{\"mar"));
            RunResult result = runBasic();
            assertEquals(Outcome.INVALID_PAYLOAD, result.outcome());
            assertTrue(result.detail().contains("truncated"), result.detail());
        }

        @Test
        void connectionCutMidBodyIsInvalidPayload() throws Exception {
            production.on(DASHBOARD, new MockResponse.Builder().code(200)
                    .body("{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-legacy\"}}")
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
            RunResult result = runBasic();
            assertEquals(Outcome.INVALID_PAYLOAD, result.outcome());
            assertTrue(result.detail().startsWith("overview: body truncated"), result.detail());
        }

        @Test
        void bodyOverTheCapIsNotReadWhole() throws Exception {
            production.on(DASHBOARD, json(200, "{\"widgets\":[" + "1,".repeat(600) + "1]}"));
            RunResult result = run(TestConfigs.basic(hostPort(), ""), 1024);
            assertEquals(Outcome.INVALID_PAYLOAD, result.outcome());
            assertTrue(result.detail().contains("over the"), result.detail());
        }

        @Test
        void slowButCorrectCheckIsSlowAndStillPasses() throws Exception {
            production.on(DASHBOARD, new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS)
                    .body("{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-legacy\"}}").build());
            String yaml = TestConfigs.basic(hostPort(), "").replace("    path: /api/dashboard\n",
                    "    path: /api/dashboard\n    slowAfter: 100ms\n");
            RunResult result = run(yaml);
            assertEquals(Outcome.SLOW, result.outcome());
            assertTrue(result.passed());
        }

        @Test
        void threeSecondStallAgainstOneSecondTimeoutIsTimeout() throws Exception {
            production.on(DASHBOARD, new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS)
                    .body("{}").build());
            String yaml = TestConfigs.basic(hostPort(), "").replace("timeout: 2s", "timeout: 1s");
            long start = System.nanoTime();
            RunResult result = run(yaml);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Outcome.TIMEOUT, result.outcome(), result.detail());
            assertTrue(tookMillis < 2500, "bounded by the 1s flow timeout, took " + tookMillis + " ms");
            assertTrue(result.detail().contains("flow timeout of 1s ran out"), result.detail());
        }

        @Test
        void everyCheckRunsAndTheFirstFailureIsTheAccountsOutcome() throws Exception {
            production.on("/api/projects", json(200, "{\"projects\":[]}"));
            production.on(DASHBOARD, json(503, "{}"));
            String yaml = TestConfigs.basic(hostPort(), "").replace("accounts:\n",
                    "  - name: projects\n    path: /api/projects\n    expect: { notEmpty: [/projects] }\naccounts:\n");
            RunResult result = run(yaml);
            assertEquals(Outcome.HTTP_ERROR, result.outcome());
            StepResult projects = result.steps().get(4);
            assertEquals("projects", projects.check());
            assertEquals(Outcome.EMPTY, projects.outcome());
        }
    }

    @Test
    void refusedExchangeIsExchangeFailedNamingTheHost() throws Exception {
        int port = closedPort();
        String yaml = TestConfigs.basic(hostPort(), "").replace("baseUrl: http://" + hostPort(), "baseUrl: http://127.0.0.1:" + port);
        RunResult result = run(yaml);
        assertEquals(Outcome.EXCHANGE_FAILED, result.outcome());
        assertEquals("exchange: connection refused by 127.0.0.1:" + port, result.detail());
        assertFalse(result.passed());
    }

    @Test
    void refusedDashboardWithoutAnExchangeIsNetworkErrorNamingTheCheckAndHost() throws Exception {
        int port = closedPort();
        String yaml = TestConfigs.basic(hostPort(), "").replaceAll("(?s)  exchange:.*?accessToken }\n", "")
                .replace("baseUrl: http://" + hostPort(), "baseUrl: http://127.0.0.1:" + port);
        RunResult result = run(yaml);
        assertEquals(Outcome.NETWORK_ERROR, result.outcome());
        assertEquals("overview: connection refused by 127.0.0.1:" + port, result.detail());
    }

    @Test
    void firebaseUnreachableIsLoginFailedAtLogin() throws Exception {
        int port = closedPort();
        String yaml = TestConfigs.basic(hostPort(), "").replace("emulatorHost: " + hostPort(), "emulatorHost: 127.0.0.1:" + port);
        RunResult result = run(yaml);
        assertEquals(Outcome.LOGIN_FAILED, result.outcome(), result.detail());
        assertEquals("Firebase: connection refused by 127.0.0.1:" + port, result.detail());
        assertEquals(Step.LOGIN, result.steps().get(0).step());
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
