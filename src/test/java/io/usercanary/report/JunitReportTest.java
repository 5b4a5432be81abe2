package io.usercanary.report;

import static io.usercanary.web.WebFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.check.AssertionResult;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.StepResult;
import io.usercanary.web.WebFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
    final WebFixtures runs = WebFixtures.start();

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Element element(Document doc, String tag, int index) {
        return (Element) doc.getElementsByTagName(tag).item(index);
    }

    Document render(RunResult... results) throws Exception {
        return parse(JunitReport.render(new RoundReport("prod", "eu-west-1", NOW, List.of(results)), List.of("overview")));
    }

    @Test
    void oneSignInTestcaseAndOnePerCheckForEachAccount() throws Exception {
        Document doc = render(runs.ok("fresh", "new", 3, NOW), runs.empty("legacy", "established", 400, NOW));
        Element suite = element(doc, "testsuite", 0);
        assertEquals("usercanary prod", suite.getAttribute("name"));
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("skipped"));
        assertEquals(NOW.toString(), suite.getAttribute("timestamp"));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(List.of("fresh: sign-in", "fresh: overview", "legacy: sign-in", "legacy: overview"),
                List.of(0, 1, 2, 3).stream().map(i -> ((Element) cases.item(i)).getAttribute("name")).toList());
        assertEquals("usercanary.prod.established", ((Element) cases.item(3)).getAttribute("classname"));
        assertEquals("0.364", ((Element) cases.item(0)).getAttribute("time"), "login + lookup + exchange");
    }

    @Test
    void aFailureCarriesOutcomeDetailAndEveryFailedAssertion() throws Exception {
        Element failure = element(render(runs.empty("legacy", "established", 400, NOW)), "failure", 0);
        assertEquals("empty", failure.getAttribute("type"));
        assertEquals("empty: /widgets is an empty array", failure.getAttribute("message"));
        assertEquals("empty: /widgets is an empty array\n"
                + "  failed: notEmpty /widgets: /widgets is an empty array\n"
                + "  failed: minItems /widgets 3: /widgets has 0 items, expected at least 3", failure.getTextContent());
    }

    @Test
    void checksAfterARefusedSignInAreSkipped() throws Exception {
        Document doc = render(runs.loginFailed("legacy", "established", NOW));
        assertEquals("1", element(doc, "testsuite", 0).getAttribute("skipped"));
        assertEquals("login_failed", element(doc, "failure", 0).getAttribute("type"));
        assertEquals("not run: login_failed", element(doc, "skipped", 0).getAttribute("message"));
    }

    /** {@code run} with a {@code summary} check that was not run because {@code orgId} was not captured. */
    static RunResult withSkippedSummary(RunResult run) {
        List<StepResult> steps = new java.util.ArrayList<>(run.steps());
        steps.add(StepResult.skipped("summary", "orgId"));
        return new RunResult(run.id(), run.account(), run.cohort(), run.ageSeconds(), run.startedAt(), run.duration(),
                run.outcome(), run.detail(), steps, run.payload(), run.firebaseError(), run.loginPath());
    }

    @Test
    void aCheckWhoseCaptureWasMissingIsSkippedSayingWhatItNeeds() throws Exception {
        RunResult run = withSkippedSummary(runs.empty("legacy", "established", 400, NOW));
        Document doc = parse(JunitReport.render(new RoundReport("prod", "eu-west-1", NOW, List.of(run)), List.of("overview", "summary")));
        Element suite = element(doc, "testsuite", 0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"), "only the capturing check failed");
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("not run: needs orgId", element(doc, "skipped", 0).getAttribute("message"));
        assertEquals("legacy: summary", ((Element) element(doc, "skipped", 0).getParentNode()).getAttribute("name"));
    }

    @Test
    void whateverTheBackendSentStaysTextAndTheFileStaysWellFormed() throws Exception {
        String hostile = "</failure>]]><x a=\"1\" b='2'>&amp;\u0001\u0008\uFFFE bell\u0007 é 😀";
        RunResult run = runs.run("legacy", "established", 400, NOW, Outcome.MISMATCH, "{}", 3,
                List.of(new AssertionResult("equals /profile/marker m-legacy", false, hostile)));
        Element failure = element(render(run), "failure", 0);
        String clean = "</failure>]]><x a=\"1\" b='2'>&amp; bell é 😀";
        assertEquals("mismatch: " + clean, failure.getAttribute("message"));
        assertTrue(failure.getTextContent().endsWith("equals /profile/marker m-legacy: " + clean), failure.getTextContent());
    }
}
