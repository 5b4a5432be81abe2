package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15's schema: captures between checks, absent/atLeast/matches, one status list under two names, Firebase tenant and headers. */
class CapturesAndAssertionsTest {
    static CanaryConfig captures() throws Exception {
        return new ConfigLoader(ConfigFixturesTest.ENV).parse(
                Files.readString(ConfigFixturesTest.FIXTURES.resolve("valid-captures.yaml")), "valid-captures.yaml");
    }

    @Test
    void aCheckCapturesValuesThatLaterChecksUse() throws Exception {
        CheckConfig me = captures().checks().get(0);
        assertEquals(List.of("orgId", "session"), List.copyOf(me.capture().keySet()));
        assertEquals(new TokenLocation(TokenLocation.Kind.JSON, "/user/orgId"), me.capture().get("orgId"));
        assertEquals(new TokenLocation(TokenLocation.Kind.COOKIE, "sid"), me.capture().get("session"));
        CheckConfig summary = captures().checks().get(1);
        assertEquals(java.util.Set.of("capture.orgId"), summary.path().placeholders());
        assertEquals("/api/orgs/o-42/summary", summary.path().render(name -> name.equals("capture.orgId") ? "o-42" : null));
        assertEquals(Map.of(), summary.capture());
    }

    @Test
    void newAssertionKindsAreReadWithTheirTypes() throws Exception {
        Expectation me = captures().checks().get(0).expect();
        assertEquals(List.of("/errors"), me.absent());
        Expectation summary = captures().checks().get(1).expect();
        assertEquals(new BigDecimal("1"), summary.atLeast().get("/totals/projects"));
        assertEquals(new BigDecimal("0.25"), summary.atLeast().get("/totals/ratio"));
        Regex plan = summary.matches().get("/plan");
        assertTrue(plan.find("team"));
        assertFalse(plan.find("teams"));
        assertEquals("^(team|pro)$", plan.pattern().pattern());
    }

    @Test
    void statusIsOneCodeOrAListUnderEitherName() throws Exception {
        CanaryConfig config = captures();
        Expectation me = config.checks().get(0).expect();
        assertEquals(List.of(200, 203), me.statuses());
        assertNull(me.status(), "several codes: no single status");
        assertTrue(me.acceptsStatus(203));
        assertFalse(me.acceptsStatus(201));
        assertEquals("[200, 203]", me.expectedStatus());
        Expectation summary = config.checks().get(1).expect();
        assertEquals(200, summary.status());
        assertEquals("200", summary.expectedStatus());
        assertEquals(List.of(200), config.backend().exchange().expectStatus());
        assertEquals(List.of(200, 201), config.accounts().get(0).provision().get(0).expectStatus());
        assertEquals(List.of(204), config.accounts().get(0).provision().get(1).expectStatus());
    }

    @Test
    void anAccountsAdditionsUseTheNewKindsToo() throws Exception {
        CanaryConfig config = captures();
        Expectation merged = config.checks().get(1).expect().plus(config.accounts().get(0).expect().get("summary"));
        assertEquals(new BigDecimal("5"), merged.atLeast().get("/totals/projects"));
        assertEquals(new BigDecimal("0.25"), merged.atLeast().get("/totals/ratio"));
        assertEquals(List.of("/deleted"), merged.absent());
        assertEquals(List.of("/plan", "/region"), List.copyOf(merged.matches().keySet()));
        assertEquals(List.of(203), merged.statuses());
    }

    @Test
    void firebaseTenantAndHeadersAreLiteralAfterEnvironmentSubstitution() throws Exception {
        FirebaseConfig firebase = captures().firebase();
        assertEquals("customers-eu", firebase.tenantId());
        assertTrue(firebase.hasTenant());
        assertEquals(Map.of("Referer", "https://app.example.com/", "X-Android-Package", "com.example.app"), firebase.headers());
        FirebaseConfig emulated = firebase.withEmulatorHost("127.0.0.1:9099");
        assertEquals("customers-eu", emulated.tenantId());
        assertEquals(firebase.headers(), emulated.headers());
    }

    @Test
    void theShapesBeforeTheseAdditionsStillConstruct() {
        Expectation old = new Expectation(201, List.of("/a"), Map.of(), Map.of(), Map.of());
        assertEquals(List.of(201), old.statuses());
        assertEquals(List.of(), old.absent());
        assertEquals(Map.of(), old.atLeast());
        CheckConfig check = new CheckConfig("c", null, Template.of("/x"), null, null, null, null);
        assertEquals(Map.of(), check.capture());
        FirebaseConfig firebase = new FirebaseConfig(Secret.of("k"), null, null, null, null, null);
        assertNull(firebase.tenantId());
        assertEquals(Map.of(), firebase.headers());
    }

    @Test
    void regexesAreEqualByTheirText() {
        assertEquals(Regex.of("^a$"), Regex.of("^a$"));
        assertEquals(Expectation.ANY_2XX, new Expectation(null, null, null, null, null, null, null, null, null));
    }

    @Test
    void theRecordsOwnStatusListIsNotAKeyOfTheYaml() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse("""
                environment: staging
                firebase: { apiKey: k }
                backend: { baseUrl: "https://api.example.com" }
                checks: [ { name: home, path: /api/home, expect: { statuses: [500] } } ]
                accounts: [ { name: a, email: a@example.com, password: p } ]
                """, "test.yaml"));
        assertEquals("test.yaml:4: checks[0].expect.statuses: unknown key 'statuses' (expected one of: absent, atLeast, "
                + "equals, expectStatus, headers, matches, minItems, notEmpty, status)", e.getMessage());
    }
}
