package io.usercanary.auth;

import static io.usercanary.testing.FakeProduction.SIGN_IN;
import static io.usercanary.testing.FakeProduction.firebaseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottleBackoffTest {
    static final String SECOND_ACCOUNT = """
              - name: second
                email: canary-second@example.com
                password: SECRET-PASSWORD-2
                vars: { marker: m-legacy }
            """;

    final MockWebServer server = new MockWebServer();
    final FakeProduction production = new FakeProduction();
    /** Sign-ins of canary-legacy get this answer while it is set; every other request goes to {@link #production}. */
    final AtomicReference<MockResponse> legacySignIn = new AtomicReference<>();
    final AtomicInteger legacySignIns = new AtomicInteger();
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    FlowRunner runner;
    CanaryConfig config;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals(SIGN_IN) && request.getBody().utf8().contains("canary-legacy")) {
                    legacySignIns.incrementAndGet();
                    MockResponse answer = legacySignIn.get();
                    if (answer != null) {
                        return answer;
                    }
                }
                return production.dispatch(request);
            }
        });
        server.start();
        config = new ConfigLoader(Map.of()).parse(TestConfigs.basic(server.getHostName() + ":" + server.getPort(), "")
                .replace("schedule:", SECOND_ACCOUNT + "schedule:"), "test.yaml");
        runner = FlowRunner.create(config, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RunResult legacy() {
        return runner.run(config.accounts().get(0));
    }

    RunResult second() {
        return runner.run(config.accounts().get(1));
    }

    @Test
    void throttledLoginIsLoginFailedWithTheCodeThenSkippedWithoutCallingFirebase() {
        legacySignIn.set(firebaseError(400, "TOO_MANY_ATTEMPTS_TRY_LATER : Access to this account has been temporarily disabled"));
        RunResult throttled = legacy();
        assertEquals(Outcome.LOGIN_FAILED, throttled.outcome());
        assertEquals("Firebase: TOO_MANY_ATTEMPTS_TRY_LATER", throttled.detail());
        assertEquals(1, legacySignIns.get());

        clock.advance(Duration.ofSeconds(30));
        RunResult skipped = legacy();
        assertEquals(Outcome.LOGIN_FAILED, skipped.outcome());
        assertEquals("backing off after TOO_MANY_ATTEMPTS_TRY_LATER until 10:01:00", skipped.detail());
        assertEquals("TOO_MANY_ATTEMPTS_TRY_LATER", skipped.firebaseError().orElseThrow());
        assertEquals(1, legacySignIns.get(), "no call to Firebase while backing off");
        assertTrue(skipped.steps().get(0).calls().isEmpty());
    }

    @Test
    void otherAccountsKeepRunningWhileOneBacksOff() {
        legacySignIn.set(firebaseError(400, "TOO_MANY_ATTEMPTS_TRY_LATER"));
        legacy();
        assertEquals(Outcome.OK, second().outcome());
        assertTrue(legacy().detail().startsWith("backing off"));
        assertEquals(Outcome.OK, second().outcome());
    }

    @Test
    void backoffDoublesUpToFifteenMinutesAndResetsOnSuccess() {
        legacySignIn.set(firebaseError(400, "QUOTA_EXCEEDED"));
        legacy();
        String[] expectedUntil = {"10:01:00", "10:03:00", "10:07:00", "10:15:00", "10:30:00", "10:45:00"};
        for (int i = 1; i < expectedUntil.length; i++) {
            assertEquals("backing off after QUOTA_EXCEEDED until " + expectedUntil[i - 1], legacy().detail());
            clock.advance(Duration.between(clock.instant(), Instant.parse("2026-03-01T" + expectedUntil[i - 1] + "Z")));
            assertEquals("Firebase: QUOTA_EXCEEDED", legacy().detail(), "tries Firebase again once the wait is over");
        }
        assertEquals("backing off after QUOTA_EXCEEDED until " + expectedUntil[5], legacy().detail(), "capped at 15 minutes");

        legacySignIn.set(null);
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Outcome.OK, legacy().outcome());
        legacySignIn.set(firebaseError(400, "QUOTA_EXCEEDED"));
        legacy();
        assertEquals("backing off after QUOTA_EXCEEDED until " + clock.instant().plus(Duration.ofMinutes(1)).toString().substring(11, 19),
                legacy().detail(), "a success resets the wait to one minute");
    }

    @ParameterizedTest
    @CsvSource({
        "400, TOO_MANY_ATTEMPTS_TRY_LATER, TOO_MANY_ATTEMPTS_TRY_LATER",
        "400, QUOTA_EXCEEDED, QUOTA_EXCEEDED",
        "429, RESOURCE_EXHAUSTED, RESOURCE_EXHAUSTED",
    })
    void throttlingAnswersStartABackoff(int status, String message, String code) {
        legacySignIn.set(firebaseError(status, message));
        assertEquals(code, legacy().firebaseError().orElseThrow());
        assertEquals("backing off after " + code + " until 10:01:00", legacy().detail());
    }

    @Test
    void wrongPasswordDoesNotBackOff() {
        legacySignIn.set(firebaseError(400, "INVALID_LOGIN_CREDENTIALS"));
        legacy();
        assertEquals("Firebase: INVALID_LOGIN_CREDENTIALS", legacy().detail());
        assertEquals(2, legacySignIns.get());
    }
}
