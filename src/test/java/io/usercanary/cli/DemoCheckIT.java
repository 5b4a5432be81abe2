package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.testing.ChildProcess;
import io.usercanary.testing.Eventually;
import io.usercanary.testing.JarProcess;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's second step: while {@code demo} runs, {@code check}, {@code check --junit} and {@code validate} work on
 * the config it wrote, with nothing set by hand; {@code check} passes before the incident and fails with
 * {@code empty} for the two middle cohorts during it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCheckIT {
    /** Room for two jar runs before the bad deploy, on a busy machine. */
    static final Duration INCIDENT_AT = Duration.ofSeconds(40);
    static final Duration INCIDENT_SEEN_WITHIN = INCIDENT_AT.plusSeconds(40);
    static final Pattern STATUS_PAGE = Pattern.compile("(?m)^  status page  (http://localhost:\\d+)/$");
    static final Map<String, String> DURING = Map.of("new-3d", "ok", "recent-2mo", "empty", "established-8mo", "empty",
            "veteran-3y", "ok");

    @TempDir
    static Path dir;
    Path config;
    ChildProcess demo;
    long startedNanos;

    @BeforeAll
    void startDemo() throws Exception {
        config = dir.resolve("target/demo/usercanary.yaml");
        startedNanos = System.nanoTime();
        demo = ChildProcess.start(new ProcessBuilder(JarProcess.javaBinary(), "-jar", JarProcess.jar().toString(), "demo",
                "--port", "0", "--interval", "3s", "--incident-at", INCIDENT_AT.toSeconds() + "s", "--recover-at", "10m",
                "--write-config", config.toString()).directory(dir.toFile()), dir.resolve("logs"));
        demo.awaitStdout(STATUS_PAGE, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    JarProcess.Result usercanary(String... args) {
        assertTrue(demo.isAlive(), () -> "the demo exited early\n" + demo.tails());
        try {
            return JarProcess.run(Map.of(), args);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean beforeIncident() {
        return System.nanoTime() - startedNanos < INCIDENT_AT.toNanos();
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    static Map<String, String> failureTypesByTestcase(Document report) {
        Map<String, String> types = new LinkedHashMap<>();
        NodeList cases = report.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            NodeList failure = testcase.getElementsByTagName("failure");
            if (failure.getLength() > 0) {
                types.put(testcase.getAttribute("name"), ((Element) failure.item(0)).getAttribute("type"));
            }
        }
        return types;
    }

    @Test
    @Order(1)
    void beforeTheIncidentCheckPassesAndWritesAReadableJunitReport() throws Exception {
        Path junit = dir.resolve("reports/canary.xml");
        JarProcess.Result result = usercanary("check", "--config", config.toString(), "--junit", junit.toString());
        assertTrue(beforeIncident(), "the machine is too slow for this test: the incident began during the first check");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("4 accounts passed"), result.stdout());
        Document report = xml(junit);
        Element suite = (Element) report.getElementsByTagName("testsuite").item(0);
        assertEquals("usercanary demo", suite.getAttribute("name"));
        assertEquals("20", suite.getAttribute("tests"), "per account: sign-in, overview, projects, me, org-summary");
        assertEquals("0", suite.getAttribute("failures"));
        assertTrue(Files.getPosixFilePermissions(junit).contains(PosixFilePermission.OTHERS_READ),
                "a CI agent running as another user can read it");
    }

    @Test
    @Order(2)
    void validateAcceptsTheWrittenConfigAsItIs() {
        JarProcess.Result result = usercanary("validate", "--config", config.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains(": valid (environment demo"), result.stdout());
    }

    @Test
    @Order(3)
    void duringTheIncidentCheckFailsWithEmptyForTheMiddleCohortsOnly() throws Exception {
        long deadline = startedNanos + INCIDENT_SEEN_WITHIN.toNanos();
        Eventually.until(deadline, "check to fail once the incident began",
                () -> usercanary("check", "--config", config.toString(), "--format", "json"), r -> r.exitCode() == 1);
        // The first failing check may have straddled the bad deploy (one account's overview answered before
        // it, its org-summary after); the incident lasts, so the next check runs wholly inside it.
        JarProcess.Result result = usercanary("check", "--config", config.toString(), "--format", "json");
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        JsonNode round = new ObjectMapper().readTree(result.stdout());
        Map<String, String> outcomes = new LinkedHashMap<>();
        round.path("results").forEach(r -> outcomes.put(r.path("account").asText(), r.path("outcome").asText()));
        assertEquals(DURING, outcomes, result.stdout());
        JsonNode recent = round.path("results").path(1);
        assertTrue(recent.path("ageDays").isIntegralNumber());
        assertEquals(60, recent.path("ageDays").asInt());
        JsonNode failed = recent.path("steps").findValue("failedAssertions");
        assertEquals("/widgets", failed.path(0).path("pointer").asText(), recent.toString());
        assertEquals("empty", failed.path(0).path("outcome").asText());
    }

    @Test
    @Order(4)
    void duringTheIncidentTheJunitReportFailsTheMiddleAccountsChecks() throws Exception {
        Path junit = dir.resolve("reports/incident.xml");
        JarProcess.Result result = usercanary("check", "--config", config.toString(), "--junit", junit.toString());
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("2 of 4 accounts failed"), result.stdout());
        Map<String, String> failures = failureTypesByTestcase(xml(junit));
        assertEquals("empty", failures.get("recent-2mo: overview"), failures.toString());
        assertEquals("empty", failures.get("established-8mo: overview"), failures.toString());
        assertEquals("empty", failures.get("recent-2mo: org-summary"), "the captured organisation's zero total: " + failures);
        assertEquals("empty", failures.get("established-8mo: org-summary"), failures.toString());
        assertTrue(failures.keySet().stream().allMatch(name -> name.startsWith("recent-2mo") || name.startsWith("established-8mo")),
                failures.toString());
    }
}
