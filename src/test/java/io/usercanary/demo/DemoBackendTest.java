package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.demo.DemoClient.Reply;
import io.usercanary.testing.TestClock;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoBackendTest {
    private final TestClock clock = TestClock.startingAt("2026-11-02T09:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final DemoAccounts accounts = DemoAccounts.seed(clock.instant(), random);
    private final DemoIdTokens idTokens = new DemoIdTokens(clock, random);
    private final AtomicReference<DemoDatabase> database = new AtomicReference<>(DemoDatabase.PROD_MAIN);
    private final DemoClient client = new DemoClient();
    private DemoFirebaseAuth auth;
    private DemoBackend backend;

    @BeforeEach
    void start() throws Exception {
        auth = DemoFirebaseAuth.start(accounts, idTokens, clock, random);
        backend = DemoBackend.start(accounts, idTokens, database::get, clock, random);
    }

    @AfterEach
    void stop() {
        backend.close();
        auth.close();
        client.close();
    }

    private DemoAccount account(String name) {
        return accounts.byName(name).orElseThrow();
    }

    private String idTokenOf(DemoAccount account) {
        return client.signIn(auth.emulatorHost(), account.email(), account.password()).body().path("idToken").asText();
    }

    private String jwtOf(String name) {
        return client.login(auth.emulatorHost(), backend.baseUrl(), account(name));
    }

    @Nested
    class Exchange {
        @Test
        void validIdTokenIsTradedForASessionJwtAndCookie() {
            Reply reply = client.exchange(backend.baseUrl(), idTokenOf(account("new-3d")));

            assertEquals(200, reply.status());
            String jwt = reply.body().at("/data/session/accessToken").asText();
            assertEquals(3, jwt.split("\\.").length);
            assertEquals(3600, reply.body().at("/data/session/expiresIn").asInt());
            String cookie = reply.headers().get("Set-Cookie");
            assertTrue(cookie.startsWith("session=" + jwt + ";"), cookie);
        }

        @Test
        void badIdTokenIsUnauthorized() {
            Reply reply = client.exchange(backend.baseUrl(), "not.a.token");
            assertEquals(401, reply.status());
            assertEquals("invalid token", reply.body().path("error").asText());
        }

        @Test
        void idTokenSignedByAnotherProcessIsUnauthorized() throws Exception {
            DemoIdTokens otherKey = new DemoIdTokens(clock, random);
            assertEquals(401, client.exchange(backend.baseUrl(), otherKey.issue(account("new-3d"), clock.instant())).status());
        }

        @Test
        void expiredIdTokenIsUnauthorized() {
            String idToken = idTokenOf(account("new-3d"));
            clock.advance(DemoIdTokens.LIFETIME);
            assertEquals(401, client.exchange(backend.baseUrl(), idToken).status());
        }

        @Test
        void malformedBodyIsABadRequest() {
            assertEquals(400, client.postJson(backend.baseUrl() + "/auth/firebase", "{idToken").status());
        }
    }

    @Nested
    class Dashboard {
        @Test
        void healthyDashboardCarriesTheMarkerAndThreeWidgets() {
            Reply reply = client.get(backend.baseUrl() + "/api/dashboard", jwtOf("established-8mo"));

            assertEquals(200, reply.status());
            assertEquals("prod-main", reply.headers().get(DemoBackend.DB_NAME_HEADER));
            assertEquals("m-established-8mo", reply.body().at("/profile/marker").asText());
            assertEquals(account("established-8mo").localId(), reply.body().at("/profile/accountId").asText());
            assertEquals(3, reply.body().path("widgets").size());
            assertEquals(clock.instant().toString(), reply.body().path("generatedAt").asText());
        }

        @Test
        void healthyProjectsAreNotEmpty() {
            Reply reply = client.get(backend.baseUrl() + "/api/projects", jwtOf("recent-2mo"));
            assertEquals(200, reply.status());
            assertEquals(2, reply.body().path("projects").size());
        }

        @Test
        void missingBearerIsUnauthorized() {
            Reply reply = client.get(backend.baseUrl() + "/api/dashboard", null);
            assertEquals(401, reply.status());
            assertEquals("Bearer", reply.headers().get("WWW-Authenticate"));
        }

        @Test
        void firebaseIdTokenIsNotABackendSession() {
            assertEquals(401, client.get(backend.baseUrl() + "/api/dashboard", idTokenOf(account("new-3d"))).status());
        }

        @Test
        void sessionCookieWorksLikeTheBearer() throws Exception {
            String jwt = jwtOf("new-3d");
            OkHttpClient http = new OkHttpClient();
            try (Response response = http.newCall(new Request.Builder().url(backend.baseUrl() + "/api/projects")
                    .header("Cookie", "theme=dark; session=" + jwt).build()).execute()) {
                assertEquals(200, response.code());
            } finally {
                http.dispatcher().executorService().shutdown();
            }
        }

        @Test
        void whoAmINamesTheAccountsOrganisationAndItsSummaryHasNumericTotals() {
            String jwt = jwtOf("recent-2mo");
            Reply me = client.get(backend.baseUrl() + "/api/me", jwt);
            assertEquals(200, me.status());
            assertEquals("org-recent-2mo", me.body().at("/user/orgId").asText());
            assertTrue(me.body().path("errors").isMissingNode());
            Reply summary = client.get(backend.baseUrl() + "/api/orgs/org-recent-2mo/summary", jwt);
            assertEquals(200, summary.status());
            assertEquals(2, summary.body().at("/totals/projects").asInt());
            assertEquals("team", summary.body().at("/org/plan").asText());
        }

        @Test
        void anotherAccountsOrganisationIsNotFound() {
            assertEquals(404, client.get(backend.baseUrl() + "/api/orgs/org-veteran-3y/summary", jwtOf("new-3d")).status());
        }

        @Test
        void unknownPathIsNotFound() {
            assertEquals(404, client.get(backend.baseUrl() + "/api/nothing", jwtOf("new-3d")).status());
        }
    }

    @Nested
    class HalfClonedDatabase {
        @ParameterizedTest(name = "{0} sees data: {1}")
        @CsvSource({"new-3d, true", "recent-2mo, false", "established-8mo, false", "veteran-3y, true"})
        void onlyTheMiddleAgedAccountsSeeEmptyArraysUnderTheirStillPresentProfile(String name, boolean hasData) {
            String jwt = jwtOf(name);
            database.set(DemoDatabase.HALF_CLONE);

            Reply dashboard = client.get(backend.baseUrl() + "/api/dashboard", jwt);
            Reply projects = client.get(backend.baseUrl() + "/api/projects", jwt);

            assertEquals(200, dashboard.status(), "an empty dashboard, not an error");
            assertEquals("prod-main-clone", dashboard.headers().get(DemoBackend.DB_NAME_HEADER));
            assertEquals("m-" + name, dashboard.body().at("/profile/marker").asText());
            assertTrue(dashboard.body().path("widgets").isArray());
            assertEquals(hasData, !dashboard.body().path("widgets").isEmpty());
            assertEquals(200, projects.status());
            assertEquals(hasData, !projects.body().path("projects").isEmpty());
        }

        @ParameterizedTest(name = "{0}'s organisation has projects: {1}")
        @CsvSource({"new-3d, 2", "recent-2mo, 0", "established-8mo, 0", "veteran-3y, 2"})
        void theOrganisationSummaryCountsZeroForTheMiddleAgedAccounts(String name, int projects) {
            String jwt = jwtOf(name);
            database.set(DemoDatabase.HALF_CLONE);
            String orgId = client.get(backend.baseUrl() + "/api/me", jwt).body().at("/user/orgId").asText();
            Reply summary = client.get(backend.baseUrl() + "/api/orgs/" + orgId + "/summary", jwt);
            assertEquals(200, summary.status(), "a zero total, not an error");
            assertEquals(projects, summary.body().at("/totals/projects").asInt());
            assertTrue(summary.body().at("/totals/projects").isNumber());
        }

        @Test
        void loginsStillWorkAgainstTheClone() {
            database.set(DemoDatabase.HALF_CLONE);
            assertFalse(jwtOf("recent-2mo").isEmpty());
        }
    }
}
