package io.usercanary.web;

import static io.usercanary.web.WebFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.check.AssertionResult;
import io.usercanary.probe.HttpTrace;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunPageTest {
    final WebFixtures runs = WebFixtures.start();
    final RunResult empty = runs.empty("legacy", "established", 400, NOW.minusSeconds(30));

    @Test
    void headerNamesTheRunAndLinksBackToTheStatusPage() {
        String page = RunPage.render(empty);
        assertTrue(page.contains("<dl class=\"run\" data-run=\"1\" data-account=\"legacy\" data-outcome=\"empty\">"));
        assertTrue(page.contains("<dd class=\"cohort\">established</dd>"));
        assertTrue(page.contains("<dd class=\"age\">13 mo</dd>"));
        assertTrue(page.contains("<time datetime=\"2025-06-02T09:29:30Z\">2025-06-02T09:29:30Z</time>"));
        assertTrue(page.contains("<dd class=\"duration\">512 ms</dd>"));
        assertTrue(page.contains("<dd class=\"outcome\"><span class=\"badge fail\">empty</span></dd>"));
        assertTrue(page.contains("<dd class=\"detail\">overview: /widgets is an empty array <a href=\"#step-3\">→ step</a></dd>"));
        assertTrue(page.contains("<a href=\"/\">"));
        assertFalse(page.contains("http-equiv=\"refresh\""), "a trace does not change");
    }

    @Test
    void aSummaryAboveTheStepsLeadsWithTheFailingStepItsAssertionsAndTheStartOfItsResponse() {
        String page = RunPage.render(empty);
        int summary = page.indexOf("<section class=\"failure fail\" data-step=\"check\" data-check=\"overview\" data-outcome=\"empty\">");
        assertTrue(summary > 0, page);
        assertTrue(summary < page.indexOf("<section class=\"step"), "above the passing login and lookup");
        String top = page.substring(summary, page.indexOf("</section>", summary));
        assertTrue(top.contains("failed at check <code>overview</code> <span class=\"badge fail\">empty</span>"), top);
        assertTrue(top.contains("<a href=\"#step-3\">→ the whole step</a>"), top);
        assertTrue(top.contains("<li>/widgets is an empty array</li><li>/widgets has 0 items, expected at least 3</li>"), top);
        assertTrue(top.contains("<tr class=\"assertion\" data-passed=\"false\"><td><code>minItems /widgets 3</code></td>"), top);
        assertTrue(top.contains("<h3>start of the response to GET <code>/api/dashboard</code></h3>\n"
                + "<pre class=\"excerpt\">{&quot;widgets&quot;:[],&quot;profile&quot;:null}</pre>"), top);
        assertFalse(top.contains("/v1/accounts"), "nothing of the passing steps");
    }

    @Test
    void theSummaryLinksTheOtherFailedSteps() {
        RunResult empty = runs.empty("legacy", "established", 400, NOW);
        List<StepResult> steps = new ArrayList<>(empty.steps());
        steps.add(WebFixtures.step(Step.CHECK, "projects", Outcome.HTTP_ERROR, "expected status 200, got 502", 30,
                WebFixtures.call("GET", "/api/projects", 502, 29, "bad gateway"),
                List.of(new AssertionResult("status 200", false, "got 502"))));
        RunResult run = new RunResult(9, "legacy", "established", empty.ageSeconds(), NOW, empty.duration(), Outcome.EMPTY,
                empty.detail(), steps, empty.payload(), Optional.empty(), "password");
        String page = RunPage.render(run);
        assertTrue(page.contains("<p class=\"also-failed\">also failed: <a href=\"#step-4\">projects</a> http_error</p>"), page);
        assertFalse(RunPage.render(empty).contains("<p class=\"also-failed\""));
    }

    @Test
    void aLongResponseIsOnlyStartedInTheSummary() {
        RunResult run = runs.run("legacy", "established", 400, NOW, Outcome.EMPTY, "[" + "1,".repeat(2000) + "]", 0,
                List.of(new AssertionResult("notEmpty /widgets", false, "/widgets is missing")));
        Matcher excerpt = Pattern.compile("<pre class=\"excerpt\">([^<]*)</pre>").matcher(RunPage.render(run));
        assertTrue(excerpt.find());
        assertEquals(RunSummary.EXCERPT_CHARS + 1, excerpt.group(1).length(), "600 characters and an ellipsis");
    }

    @Test
    void aPassingRunSaysSoAtTheTopAndASlowOneLeadsWithItsSlowStep() {
        String ok = RunPage.render(runs.ok("fresh", "new", 3, NOW));
        assertTrue(ok.contains("<section class=\"failure ok\" data-outcome=\"ok\">\n<h2>every step passed in 512 ms</h2>"), ok);
        String slow = RunPage.render(runs.run("fresh", "new", 3, NOW, Outcome.SLOW, "{}", 3, List.of()));
        assertTrue(slow.contains("<section class=\"failure slow\" data-step=\"check\" data-check=\"overview\" data-outcome=\"slow\">"
                + "\n<h2>slow at check"), slow);
    }

    @Test
    void stepsAppearInFlowOrderWithTheirOutcomes() {
        String page = RunPage.render(empty);
        assertEquals(List.of("login", "lookup", "exchange", "check"),
                StatusPageTest.all(Pattern.compile("<section class=\"step [a-z]+\" id=\"step-\\d+\" data-step=\"([a-z]+)\""), page));
        assertTrue(page.contains("<section class=\"step fail\" id=\"step-3\" data-step=\"check\" data-check=\"overview\" data-outcome=\"empty\">"));
        assertTrue(page.contains("<section class=\"step ok\" id=\"step-0\" data-step=\"login\" data-check=\"\" data-outcome=\"ok\">"));
    }

    @Test
    void eachCallShowsMethodPathStatusAndLatency() {
        String page = RunPage.render(empty);
        assertTrue(page.contains("<tr class=\"call\"><td>GET</td><td><code>/api/dashboard</code></td>"
                + "<td class=\"num\">200</td><td class=\"num\">140</td></tr>"), page);
        assertEquals(4, StatusPageTest.all(Pattern.compile("<tr (class=\"call\")>"), page).size());
    }

    @Test
    void assertionsShowWhetherTheyPassedAndWhy() {
        String page = RunPage.render(empty);
        assertTrue(page.contains("<tr class=\"assertion\" data-passed=\"false\"><td><code>notEmpty /widgets</code></td>"
                + "<td class=\"failed\">failed</td><td>/widgets is an empty array</td></tr>"));
        assertTrue(page.contains("<h2>payload</h2>"));
    }

    @Test
    void responseBodiesAreEscapedInPreAndCutAtTwoKilobytes() {
        String hostile = "{\"html\":\"<script>alert('body')</script>\",\"pad\":\"" + "x".repeat(5000) + "\"}";
        RunResult run = runs.run("legacy", "established", 400, NOW, Outcome.MISMATCH, hostile, 3,
                List.of(new AssertionResult("equals /profile/marker", false, "expected <script>alert('var')</script>")));
        String page = RunPage.render(run);
        assertFalse(page.contains("<script"));
        assertTrue(page.contains("<pre class=\"body\">{&quot;html&quot;:&quot;&lt;script&gt;alert(&#39;body&#39;)"));
        Matcher pre = Pattern.compile("<pre class=\"body\">(\\{&quot;html[^<]*)</pre>").matcher(page);
        assertTrue(pre.find());
        assertTrue(pre.group(1).endsWith("x…"));
        assertTrue(pre.group(1).length() < RunPage.BODY_CHARS + 200, "2 KB of body, plus the escaping of its head");
    }

    @Test
    void pathsNeverShowAQueryString() {
        HttpTrace call = new HttpTrace("GET", "/api/dashboard?key=SECRET-QUERY-KEY#frag", 200, Duration.ofMillis(5), "{}");
        StepResult check = new StepResult(Step.CHECK, "overview", Outcome.OK, "", Duration.ofMillis(5), 200, List.of(call),
                List.of());
        RunResult run = new RunResult(7, "legacy", "established", Optional.empty(), NOW, Duration.ofMillis(5), Outcome.OK, "",
                List.of(check), List.of(), Optional.empty(), "password");
        String page = RunPage.render(run);
        assertFalse(page.contains("SECRET-QUERY-KEY"));
        assertFalse(page.contains("frag"));
        assertTrue(page.contains("<code>/api/dashboard</code>"));
    }

    @Test
    void aRefusedLoginShowsFirebasesCodeAndNoLaterSteps() {
        String page = RunPage.render(runs.loginFailed("legacy", "established", NOW));
        assertTrue(page.contains("<dd class=\"firebase-error\"><code>INVALID_LOGIN_CREDENTIALS</code></dd>"));
        assertEquals(List.of("login"), StatusPageTest.all(Pattern.compile("<section class=\"step [a-z]+\" id=\"step-\\d+\" data-step=\"([a-z]+)\""), page));
        assertTrue(page.contains("<td class=\"num\">400</td>"));
        assertTrue(page.contains("<dd class=\"age\">–</dd>"));
    }

    @Test
    void aCallWithNoResponseSaysSo() {
        HttpTrace call = new HttpTrace("GET", "/api/dashboard", 0, Duration.ofMillis(10_000), "");
        StepResult check = new StepResult(Step.CHECK, "overview", Outcome.TIMEOUT, "no response within 10s",
                Duration.ofMillis(10_000), 0, List.of(call), List.of());
        RunResult run = new RunResult(8, "legacy", "established", Optional.of(1L), NOW, Duration.ofSeconds(10),
                Outcome.TIMEOUT, "overview: no response within 10s", List.of(check), List.of(), Optional.empty(), "password");
        String page = RunPage.render(run);
        assertTrue(page.contains("<td class=\"num\">no response</td>"));
        assertFalse(page.contains("<pre"), "no body to show");
    }
}
