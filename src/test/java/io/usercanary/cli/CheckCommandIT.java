package io.usercanary.cli;

import static io.usercanary.testing.FakeProduction.DASHBOARD;
import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code usercanary check} and {@code validate} through the packaged jar, as a release pipeline calls them. */
class CheckCommandIT {
    /** Every secret the run sees; none may appear in anything it writes. */
    static final List<String> SECRETS = List.of("SECRET-API-KEY-77d2", "SECRET-PASSWORD-1c9e", FakeProduction.ID_TOKEN,
            FakeProduction.REFRESH_TOKEN, FakeProduction.JWT, "SECRET-PASSWORD-FROM-ENV-41aa");

    final FakeProduction production = FakeProduction.start();
    final MockWebServer server = production.server();
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void start() throws IOException {
        String yaml = production.basicConfig().replace("schedule:",
                "  - name: second\n"
                + "    email: canary-second@example.com\n"
                + "    password: ${SECOND_PASSWORD}\n"
                + "    cohort: 2y\n"
                + "    vars: { marker: m-legacy }\n"
                + "schedule:");
        config = Files.writeString(dir.resolve("usercanary.yaml"), yaml);
    }

    @AfterEach
    void stop() {
        production.close();
    }

    JarProcess.Result usercanary(String... args) throws Exception {
        return JarProcess.run(Map.of("SECOND_PASSWORD", "SECRET-PASSWORD-FROM-ENV-41aa"), args);
    }

    @Test
    void healthyProductionExitsZeroWithATableRowPerAccount() throws Exception {
        JarProcess.Result result = usercanary("check", "--config", config.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().lines().anyMatch(l -> l.matches("legacy\\s+established\\s+400d\\s+ok\\s+\\d+\\s*")), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("second") && l.contains(" 2y ")), result.stdout());
        assertTrue(result.stdout().contains("2 accounts passed"), result.stdout());
    }

    @Test
    void emptyDashboardExitsOneAndTheJsonAndJunitReportsSayWhy() throws Exception {
        production.on(DASHBOARD, json(200, "{\"widgets\":[],\"profile\":{\"marker\":\"m-legacy\"}}"));
        Path junit = dir.resolve("reports/canary-report.xml");
        JarProcess.Result result = usercanary("check", "--config", config.toString(), "--format", "json", "--junit", junit.toString());
        assertEquals(1, result.exitCode(), result.stderr());

        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertEquals("test", report.path("environment").asText());
        JsonNode legacy = report.path("results").path(0);
        assertEquals("empty", legacy.path("outcome").asText());
        assertEquals("overview: /widgets is an empty array (+1 more)", legacy.path("detail").asText());
        assertEquals(List.of("login", "lookup", "exchange", "check"),
                legacy.path("steps").findValuesAsText("step"));
        assertEquals(200, legacy.path("steps").path(3).path("status").asInt());
        assertTrue(legacy.path("ageDays").isIntegralNumber(), legacy.toString());
        assertEquals(400, legacy.path("ageDays").asInt());
        JsonNode failed = legacy.path("steps").path(3).path("failedAssertions");
        assertEquals(List.of("/widgets", "/widgets"), failed.findValuesAsText("pointer"), failed.toString());
        assertEquals(List.of("empty", "empty"), failed.findValuesAsText("outcome"));
        assertEquals("/widgets is an empty array", failed.path(0).path("actual").asText());

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals("4", xml.getElementsByTagName("testsuite").item(0).getAttributes().getNamedItem("tests").getNodeValue());
        assertEquals(2, xml.getElementsByTagName("failure").getLength());
        assertEquals("empty", xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("type").getNodeValue());
    }

    @Test
    void anUnwritableJunitPathExitsTwoBeforeAnyAccountRuns() throws Exception {
        Files.writeString(dir.resolve("afile"), "");
        Path junit = dir.resolve("afile/report.xml");
        JarProcess.Result result = usercanary("check", "--config", config.toString(), "--junit", junit.toString());
        assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
        assertEquals("usercanary: --junit " + junit + ": cannot write the report (" + dir.resolve("afile")
                + " exists and is not a directory)", result.stderr().strip());
        assertEquals("", result.stdout());
        assertEquals(0, server.getRequestCount(), "no account ran");
    }

    @Test
    void theJunitReportIsReadableAsTheUmaskAllows() throws Exception {
        Path junit = dir.resolve("umask027/report.xml");
        ProcessBuilder shell = new ProcessBuilder("sh", "-c", "umask 027 && exec \"$0\" -jar \"$1\" check --config \"$2\" --junit \"$3\"",
                JarProcess.javaBinary(), JarProcess.jar().toString(), config.toString(), junit.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        shell.environment().put("SECOND_PASSWORD", "SECRET-PASSWORD-FROM-ENV-41aa");
        Process process = shell.start();
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(junit)));

        JarProcess.Result plain = usercanary("check", "--config", config.toString(), "--junit", dir.resolve("plain.xml").toString());
        assertEquals(0, plain.exitCode(), plain.stderr());
        String anyNewFile = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(dir.resolve("new"))));
        assertEquals(anyNewFile, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("plain.xml"))),
                "0644 under the usual umask 022, not the 0600 of a temporary file");
    }

    @Test
    void noSecretAppearsInAnythingCheckWrites() throws Exception {
        production.on(DASHBOARD, json(200, "{\"widgets\":[],\"session\":\"" + FakeProduction.JWT + "\"}"));
        Path junit = dir.resolve("junit.xml");
        JarProcess.Result table = usercanary("check", "--config", config.toString(), "--junit", junit.toString());
        JarProcess.Result json = usercanary("check", "--config", config.toString(), "--format", "json");
        String everything = table.stdout() + table.stderr() + json.stdout() + json.stderr()
                + Files.readString(junit, StandardCharsets.UTF_8);
        for (String secret : SECRETS) {
            assertFalse(everything.contains(secret), "leaked " + secret + " in:\n" + everything);
        }
        assertEquals(1, table.exitCode());
    }

    @Test
    void invalidConfigExitsTwoWithOneLineNamingFileLineAndKey() throws Exception {
        Files.writeString(config, Files.readString(config).replace("slowAfter", "slowafter").replace("notEmpty", "notempty"));
        JarProcess.Result result = usercanary("check", "--config", config.toString());
        assertEquals(2, result.exitCode());
        assertEquals("usercanary: " + config + ":17: checks[0].expect.notempty: unknown key 'notempty' "
                + "(expected one of: absent, atLeast, equals, expectStatus, headers, matches, minItems, notEmpty, status)", result.stderr().strip());
        assertEquals("", result.stdout());
    }

    @Test
    void validateTouchesNoNetworkAndSaysWhatItRead() throws Exception {
        server.close();
        JarProcess.Result result = usercanary("validate", "--config", config.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(config + ": valid (environment test, 2 accounts, 1 check, 3 cohorts)", result.stdout().strip());
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() throws Exception {
        JarProcess.Result result = usercanary("check", "--formt", "json");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("usercanary: Unknown options: '--formt'"), result.stderr());
    }

    @Test
    void missingConfigFileIsExitTwo() throws Exception {
        JarProcess.Result result = usercanary("check", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, result.exitCode());
        assertEquals("usercanary: " + dir.resolve("nope.yaml") + ": no such file", result.stderr().strip());
    }
}
