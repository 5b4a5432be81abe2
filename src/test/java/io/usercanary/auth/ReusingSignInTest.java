package io.usercanary.auth;

import static io.usercanary.testing.FakeProduction.firebaseError;
import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.TestClock;
import io.usercanary.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token reuse with an injected clock: the emulator's ID tokens never expire, so expiry is tested here. */
class ReusingSignInTest {
    static final String REFRESH = "/securetoken.googleapis.com/v1/token";
    static final String REFRESHED_ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1aWQtMSJ9.REFRESHED-SIG";

    final MockWebServer server = new MockWebServer();
    final FakeProduction production = new FakeProduction();
    final List<RecordedRequest> firebaseCalls = new ArrayList<>();
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    FlowRunner runner;
    CanaryConfig config;

    @BeforeEach
    void start() throws Exception {
        production.on(REFRESH, json(200, "{\"id_token\":\"" + REFRESHED_ID_TOKEN + "\",\"refresh_token\":\"SECRET-REFRESH-2\","
                + "\"expires_in\":\"3600\",\"token_type\":\"Bearer\",\"user_id\":\"uid-1\"}"));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals(FakeProduction.SIGN_IN) || path.equals(REFRESH)) {
                    synchronized (firebaseCalls) {
                        firebaseCalls.add(request);
                    }
                }
                return production.dispatch(request);
            }
        });
        server.start();
        String yaml = TestConfigs.basic(server.getHostName() + ":" + server.getPort(), "")
                .replace("  emulatorHost:", "  reuseTokens: true\n  fullLoginEvery: 1h\n  emulatorHost:");
        config = new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
        runner = FlowRunner.create(config, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RunResult run() {
        RunResult result = runner.run(config.accounts().get(0));
        assertEquals(Outcome.OK, result.outcome(), result.detail());
        return result;
    }

    List<String> firebasePaths() {
        synchronized (firebaseCalls) {
            return firebaseCalls.stream().map(r -> r.getUrl().encodedPath()).toList();
        }
    }

    @Test
    void idTokenIsReusedUntilFiveMinutesBeforeItExpires() {
        assertEquals("password", run().loginPath());
        clock.advance(Duration.ofMinutes(54));
        assertEquals("cached", run().loginPath());
        assertEquals(List.of(FakeProduction.SIGN_IN), firebasePaths(), "a cached token costs no Firebase call");
    }

    @Test
    void nearExpiryTheRefreshTokenIsTradedFormEncoded() throws Exception {
        run();
        clock.advance(Duration.ofMinutes(56));
        assertEquals("refresh", run().loginPath());
        RecordedRequest refresh = firebaseCalls.get(1);
        assertEquals(REFRESH, refresh.getUrl().encodedPath());
        assertEquals("grant_type=refresh_token&refresh_token=" + FakeProduction.REFRESH_TOKEN, refresh.getBody().utf8());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("cached", run().loginPath(), "the refreshed token is good for another hour");
    }

    @Test
    void refusedRefreshFallsBackToAFullSignIn() {
        production.on(REFRESH, firebaseError(400, "TOKEN_EXPIRED"));
        run();
        clock.advance(Duration.ofMinutes(58));
        RunResult result = run();
        assertEquals("password", result.loginPath());
        assertEquals(List.of(FakeProduction.SIGN_IN, REFRESH, FakeProduction.SIGN_IN), firebasePaths());
        assertEquals(2, result.steps().get(0).calls().size(), "the login step shows the refused refresh and the sign-in");
    }

    @Test
    void fullSignInAtLeastEveryFullLoginEvery() {
        run();
        clock.advance(Duration.ofMinutes(56));
        assertEquals("refresh", run().loginPath());
        clock.advance(Duration.ofMinutes(4));
        assertEquals("password", run().loginPath(), "an hour after the last full sign-in, however fresh the token");
    }

    @Test
    void throttledRefreshIsLoginFailedAndBacksOff() {
        run();
        production.on(REFRESH, firebaseError(400, "TOO_MANY_ATTEMPTS_TRY_LATER"));
        clock.advance(Duration.ofMinutes(58));
        RunResult throttled = runner.run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, throttled.outcome());
        assertEquals("TOO_MANY_ATTEMPTS_TRY_LATER", throttled.firebaseError().orElseThrow());
        assertEquals("backing off after TOO_MANY_ATTEMPTS_TRY_LATER until 10:59:00",
                runner.run(config.accounts().get(0)).detail());
    }

    @Test
    void withoutReuseEveryRunSignsIn() throws Exception {
        CanaryConfig plain = new ConfigLoader(Map.of()).parse(TestConfigs.basic(server.getHostName() + ":" + server.getPort(), ""), "t.yaml");
        FlowRunner fresh = FlowRunner.create(plain, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP), clock);
        assertEquals("password", fresh.run(plain.accounts().get(0)).loginPath());
        assertEquals("password", fresh.run(plain.accounts().get(0)).loginPath());
    }
}
