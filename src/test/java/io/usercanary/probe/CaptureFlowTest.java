package io.usercanary.probe;

import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.check.PayloadMeasurement;
import io.usercanary.config.ConfigException;
import io.usercanary.testing.FakeProduction;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Who am I, then my org's dashboard": captures between checks, the checks that need them skipped when they find nothing. */
class CaptureFlowTest {
    static final String ME = "/api/me";
    static final String SUMMARY = "/api/orgs/org-7/summary";
    static final String CHECKS = """
              - name: me
                path: /api/me
                capture:
                  orgId: { json: /user/orgId }
                expect:
                  absent: [/errors]
              - name: summary
                path: /api/orgs/{{capture.orgId}}/summary
                headers: { X-Org: "{{capture.orgId}}" }
                expect:
                  atLeast: { /totals/projects: 1 }
                  matches: { /plan: "^(team|pro)$" }
            """;

    final FakeProduction production = FakeProduction.start();
    final MockWebServer server = production.server();

    @BeforeEach
    void answerTheCapturedRoutes() {
        production.on(ME, json(200, "{\"user\":{\"orgId\":\"org-7\"}}"));
        production.on(SUMMARY, json(200, "{\"totals\":{\"projects\":4},\"plan\":\"team\"}"));
    }

    @AfterEach
    void stop() {
        production.close();
    }

    RunResult run(String checks) throws ConfigException {
        String yaml = production.basicConfig().replaceAll("(?s)checks:\n.*?accounts:\n", java.util.regex.Matcher.quoteReplacement("checks:\n" + checks + "accounts:\n"));
        return Flows.runFirst(yaml);
    }

    StepResult check(RunResult result, String name) {
        return result.steps().stream().filter(s -> s.check().equals(name)).findFirst().orElseThrow();
    }

    RecordedRequest requestTo(String path) throws InterruptedException {
        for (RecordedRequest r = server.takeRequest(); r != null; r = server.takeRequest()) {
            if (r.getUrl().encodedPath().startsWith(path)) {
                return r;
            }
        }
        throw new AssertionError("no request to " + path);
    }

    @Test
    void theCapturedOrgIdFillsTheNextChecksPathAndHeaders() throws Exception {
        RunResult result = run(CHECKS);
        assertEquals(Outcome.OK, result.outcome(), result.detail());
        RecordedRequest summary = requestTo("/api/orgs/");
        assertEquals(SUMMARY, summary.getUrl().encodedPath());
        assertEquals("org-7", summary.getHeaders().get("X-Org"));
        assertTrue(result.payload().contains(new PayloadMeasurement("summary", "/totals/projects", 4)), result.payload().toString());
    }

    @Test
    void aZeroTotalIsEmpty() throws Exception {
        production.on(SUMMARY, json(200, "{\"totals\":{\"projects\":0},\"plan\":\"team\"}"));
        RunResult result = run(CHECKS);
        assertEquals(Outcome.EMPTY, result.outcome());
        assertEquals("summary: /totals/projects is 0, expected at least 1", result.detail());
        assertTrue(result.payload().contains(new PayloadMeasurement("summary", "/totals/projects", 0)));
    }

    @Test
    void aGraphqlErrorArrayIsMismatch() throws Exception {
        production.on(ME, json(200, "{\"user\":{\"orgId\":\"org-7\"},\"errors\":[{\"message\":\"resolver failed\"}]}"));
        RunResult result = run(CHECKS);
        assertEquals(Outcome.MISMATCH, result.outcome());
        assertEquals("me: /errors is present (an array of 1), expected absent", result.detail());
        assertEquals(Outcome.OK, check(result, "summary").outcome(), "the capture was read: the org's check still runs");
    }

    @Test
    void aMissingCaptureFailsItsCheckAsEmptyAndTheChecksThatNeedItAreSkipped() throws Exception {
        production.on(ME, json(200, "{\"user\":{}}"));
        RunResult result = run(CHECKS + """
                  - name: status
                    path: /api/dashboard
                    expect: { notEmpty: [/widgets] }
                """);
        assertEquals(Outcome.EMPTY, result.outcome());
        assertEquals("me: capture orgId: /user/orgId is missing", result.detail());
        StepResult summary = check(result, "summary");
        assertTrue(summary.skipped());
        assertEquals("not run: needs orgId", summary.detail());
        assertEquals(Outcome.OK, check(result, "status").outcome(), "checks that need nothing captured still run");
        assertFalse(check(result, "status").skipped());
        assertEquals(0, production.calls(SUMMARY));
    }

    @Test
    void anEmptyStringIsAsMissingAsNoValue() throws Exception {
        production.on(ME, json(200, "{\"user\":{\"orgId\":\"\"}}"));
        assertEquals("me: capture orgId: /user/orgId is an empty string", run(CHECKS).detail());
    }

    @Test
    void aCheckThatFailsItsStatusCapturesNothingAndItsDependentsAreSkipped() throws Exception {
        production.on(ME, json(503, "{\"user\":{\"orgId\":\"org-7\"}}"));
        RunResult result = run(CHECKS);
        assertEquals(Outcome.HTTP_ERROR, result.outcome());
        assertTrue(check(result, "summary").skipped());
    }

    @Test
    void aCapturedValueIsOnePathSegment() throws Exception {
        production.on(ME, json(200, "{\"user\":{\"orgId\":\"../admin?x=1\"}}"));
        run(CHECKS);
        assertEquals("/api/orgs/..%2Fadmin%3Fx=1/summary", requestTo("/api/orgs/").getUrl().encodedPath());
    }

    @Test
    void aControlCharacterInACapturedValueFailsTheCheckThatWouldSendIt() throws Exception {
        production.on(ME, json(200, "{\"user\":{\"orgId\":\"org-7\\r\\nX-Injected: 1\"}}"));
        RunResult result = run(CHECKS);
        StepResult summary = check(result, "summary");
        assertEquals(Outcome.INVALID_PAYLOAD, summary.outcome());
        assertEquals("capture orgId holds a control character, so it is not put into this check's path or headers", summary.detail());
        assertEquals(0, production.calls(SUMMARY));
    }

    @Test
    void aValueCapturedFromASecretSoundingHeaderIsRedactedEverywhere() throws Exception {
        String session = "SECRET-CAPTURED-SESSION-51ab";
        production.on(ME, new MockResponse.Builder().code(200).addHeader("X-Session-Token", session)
                .body("{\"user\":{\"orgId\":\"org-7\"}}").build());
        production.on("/api/echo", json(404, "{\"error\":\"no session " + session + "\"}"));
        RunResult result = run("""
                  - name: me
                    path: /api/me
                    capture:
                      session: { header: X-Session-Token }
                  - name: echo
                    path: /api/echo
                    headers: { X-Session: "{{capture.session}}" }
                """);
        assertEquals(Outcome.HTTP_ERROR, result.outcome());
        assertEquals(session, requestTo("/api/echo").getHeaders().get("X-Session"));
        assertFalse(result.toString().contains(session), result.toString());
    }

    @Test
    void aCookieCaptureReadsTheCookieThisResponseSets() throws Exception {
        production.on(ME, new MockResponse.Builder().code(200).addHeader("Set-Cookie", "org=org-7; Path=/").body("{}").build());
        RunResult result = run("""
                  - name: me
                    path: /api/me
                    capture:
                      orgId: { cookie: org }
                  - name: summary
                    path: /api/orgs/{{capture.orgId}}/summary
                """);
        assertEquals(Outcome.OK, result.outcome(), result.detail());
        assertEquals(SUMMARY, requestTo("/api/orgs/").getUrl().encodedPath());
    }
}
