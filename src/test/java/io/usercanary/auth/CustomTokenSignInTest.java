package io.usercanary.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.TestConfigs;
import java.time.Clock;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomTokenSignInTest {
    final FakeProduction production = FakeProduction.start();
    final MockWebServer server = production.server();

    @AfterEach
    void stop() {
        production.close();
    }

    @Test
    void withoutAProjectIdTheRunFailsAtLoginSayingWhatIsMissing() throws Exception {
        String yaml = TestConfigs.basic(server.getHostName() + ":" + server.getPort(), "").replace("""
                    email: canary-legacy@example.com
                    password: SECRET-PASSWORD-1c9e
                """, """
                    login: customToken
                    uid: canary-service
                """);
        CanaryConfig config = new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
        RunResult result = FlowRunner.create(config, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP),
                Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("firebase-admin unavailable: firebase.projectId: required for firebase-admin "
                + "(seed, login: customToken, ephemeral accounts)", result.detail());
        assertEquals("ADMIN_UNAVAILABLE", result.firebaseError().orElseThrow());
        assertEquals(0, server.getRequestCount());
    }
}
