package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.demo.DemoClient.Reply;
import io.usercanary.testing.TestClock;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoTargetTest {
    private final TestClock clock = TestClock.startingAt("2026-11-02T09:00:00Z");
    private final List<String> narration = new CopyOnWriteArrayList<>();
    private final DemoClient client = new DemoClient();
    private DemoTarget target;

    @AfterEach
    void stop() {
        if (target != null) {
            target.close();
        }
        client.close();
    }

    private DemoTarget start(TimelineOptions options) throws IOException {
        target = DemoTarget.start(clock, options, narration::add);
        return target;
    }

    /** One monitor probe of every account: sign in, look up, exchange, fetch both dashboards. */
    private Map<String, String> probeAll() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (DemoAccount account : target.accounts().all()) {
            Reply signIn = client.signIn(target.emulatorHost(), account.email(), account.password());
            String idToken = signIn.body().path("idToken").asText();
            assertEquals(200, client.lookup(target.emulatorHost(), idToken).status());
            String jwt = client.exchange(target.backendBaseUrl(), idToken).body().at("/data/session/accessToken").asText();
            Reply dashboard = client.get(target.backendBaseUrl() + "/api/dashboard", jwt);
            Reply projects = client.get(target.backendBaseUrl() + "/api/projects", jwt);
            assertEquals(200, dashboard.status());
            assertEquals(account.marker(), dashboard.body().at("/profile/marker").asText());
            boolean data = !dashboard.body().path("widgets").isEmpty() && !projects.body().path("projects").isEmpty();
            seen.put(account.name(), (data ? "data" : "empty") + " from " + dashboard.headers().get("X-Db-Name"));
        }
        return seen;
    }

    @Test
    void theIncidentEmptiesOnlyTheTwoMiddleAccountsAndThenRecovers() throws Exception {
        start(TimelineOptions.defaults());
        Map<String, String> healthy = Map.of("new-3d", "data from prod-main", "recent-2mo", "data from prod-main",
                "established-8mo", "data from prod-main", "veteran-3y", "data from prod-main");
        assertEquals(healthy, probeAll());

        clock.advance(Duration.ofSeconds(90));
        assertEquals(Map.of("new-3d", "data from prod-main-clone", "recent-2mo", "empty from prod-main-clone",
                "established-8mo", "empty from prod-main-clone", "veteran-3y", "data from prod-main-clone"), probeAll());

        clock.advance(Duration.ofSeconds(210));
        assertEquals(healthy, probeAll());
        assertEquals(3, narration.size(), narration::toString);
        assertTrue(narration.get(1).startsWith("demo: 00:01:30 backend redeployed with the wrong environment file"));
        assertTrue(narration.get(2).startsWith("demo: 00:05:00 backend redeployed with the right environment file"));
    }

    @Test
    void noIncidentKeepsEveryAccountFedAllDay() throws Exception {
        start(TimelineOptions.noIncident());
        clock.advance(Duration.ofSeconds(120));
        assertTrue(probeAll().values().stream().allMatch("data from prod-main"::equals));
        assertEquals(1, narration.size());
    }

    @Test
    void theTickerTellsAChangeWithoutAnyTraffic() throws Exception {
        start(TimelineOptions.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        clock.advance(Duration.ofSeconds(1));
        Instant deadline = Instant.now().plusSeconds(5);
        while (narration.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(2, narration.size(), narration::toString);
    }

    @Test
    void bothServersListenOnDistinctLoopbackPorts() throws Exception {
        start(TimelineOptions.defaults());
        assertEquals("127.0.0.1:" + target.firebasePort(), target.emulatorHost());
        assertEquals("http://127.0.0.1:" + target.backendPort(), target.backendBaseUrl());
        assertNotEquals(target.firebasePort(), target.backendPort());
    }

    @Test
    void closeFreesBothPortsAndCanBeRepeated() throws Exception {
        start(TimelineOptions.defaults());
        int authPort = target.firebasePort();
        int backendPort = target.backendPort();
        target.close();
        assertDoesNotThrow(target::close);
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", authPort).close());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", backendPort).close());
        target = null;
    }

    @Nested
    class Environment {
        @Test
        void theRenderedConfigCarriesEachAccountsPasswordAndNeedsNoVariable() throws Exception {
            start(TimelineOptions.defaults());
            assertEquals(Map.of(), target.environment());
            for (DemoAccount account : target.accounts().all()) {
                assertTrue(target.renderConfig().contains("password: '" + account.password() + "'"));
            }
        }

        @Test
        void passwordsDifferPerProcessStartAndNeverShowInToString() throws Exception {
            start(TimelineOptions.defaults());
            DemoAccount first = target.accounts().all().get(0);
            try (DemoTarget other = DemoTarget.start(clock, TimelineOptions.defaults(), line -> { })) {
                assertNotEquals(first.password(), other.accounts().all().get(0).password());
            }
            assertTrue(first.toString().contains("‹redacted›"));
            assertFalse(first.toString().contains(first.password()));
        }
    }
}
