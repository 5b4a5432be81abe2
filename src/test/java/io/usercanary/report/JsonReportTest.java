package io.usercanary.report;

import static io.usercanary.web.WebFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.check.AssertionResult;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.web.WebFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    final WebFixtures runs = WebFixtures.start();

    JsonNode render(RunResult... results) throws Exception {
        return new ObjectMapper().readTree(JsonReport.render(new RoundReport("prod", "eu-west-1", NOW, List.of(results))));
    }

    @Test
    void aSkippedCheckIsMarkedSkippedWithWhatItNeeds() throws Exception {
        JsonNode steps = render(JunitReportTest.withSkippedSummary(runs.empty("legacy", "established", 400, NOW)))
                .path("results").path(0).path("steps");
        JsonNode summary = steps.path(steps.size() - 1);
        assertEquals("summary", summary.path("check").asText());
        assertTrue(summary.path("skipped").asBoolean());
        assertEquals("not run: needs orgId", summary.path("detail").asText());
        assertTrue(steps.path(0).path("skipped").isMissingNode(), "steps that ran carry no skipped flag");
    }

    @Test
    void ageIsInWholeDays() throws Exception {
        JsonNode result = render(runs.ok("legacy", "established", 400, NOW)).path("results").path(0);
        assertTrue(result.path("ageDays").isIntegralNumber(), result.toString());
        assertEquals(400, result.path("ageDays").asInt());
    }

    @Test
    void ageIsNullWhenTheLookupWasNotReached() throws Exception {
        JsonNode result = render(runs.loginFailed("legacy", "established", NOW)).path("results").path(0);
        assertTrue(result.path("ageDays").isNull());
        assertEquals("login_failed", result.path("outcome").asText());
    }

    @Test
    void eachCheckStepListsItsFailedAssertionsWithPointerExpectedActualAndOutcome() throws Exception {
        RunResult run = runs.run("legacy", "established", 400, NOW, Outcome.EMPTY, "{}", 0, List.of(
                new AssertionResult("status 200", true, "got 200"),
                new AssertionResult("notEmpty /widgets", false, "/widgets is an empty array"),
                new AssertionResult("minItems /widgets 3", false, "/widgets has 0 items, expected at least 3"),
                new AssertionResult("equals /profile/marker m-legacy", false, "/profile/marker is m-other, expected m-legacy"),
                new AssertionResult("header X-Db-Name prod-main", false, "expected X-Db-Name prod-main, got staging")));
        JsonNode steps = render(run).path("results").path(0).path("steps");
        assertTrue(steps.path(0).path("failedAssertions").isMissingNode(), "login has no assertions");
        JsonNode failed = steps.path(3).path("failedAssertions");
        assertEquals(4, failed.size(), failed.toString());
        assertEquals("/widgets", failed.path(0).path("pointer").asText());
        assertEquals("not empty", failed.path(0).path("expected").asText());
        assertEquals("/widgets is an empty array", failed.path(0).path("actual").asText());
        assertEquals("empty", failed.path(0).path("outcome").asText());
        assertEquals("at least 3 items", failed.path(1).path("expected").asText());
        assertEquals("m-legacy", failed.path(2).path("expected").asText());
        assertEquals("mismatch", failed.path(2).path("outcome").asText());
        assertTrue(failed.path(3).path("pointer").isNull(), "a header has no pointer");
        assertEquals("X-Db-Name: prod-main", failed.path(3).path("expected").asText());
        assertEquals("mismatch", failed.path(3).path("outcome").asText());
        assertEquals("notEmpty /widgets", failed.path(0).path("assertion").asText());
    }

    @Test
    void aPassingCheckHasAnEmptyListOfFailedAssertions() throws Exception {
        JsonNode check = render(runs.ok("fresh", "new", 3, NOW)).path("results").path(0).path("steps").path(3);
        assertTrue(check.path("failedAssertions").isArray());
        assertEquals(0, check.path("failedAssertions").size());
    }

    @Test
    void anUnexpectedStatusIsTheStepsOwnOutcome() throws Exception {
        RunResult run = runs.run("legacy", "established", 400, NOW, Outcome.HTTP_ERROR, "", 0,
                List.of(new AssertionResult("status 200", false, "got 502")));
        JsonNode failed = render(run).path("results").path(0).path("steps").path(3).path("failedAssertions").path(0);
        assertEquals("200", failed.path("expected").asText());
        assertEquals("got 502", failed.path("actual").asText());
        assertEquals("http_error", failed.path("outcome").asText());
    }
}
