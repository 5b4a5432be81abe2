package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    static final Map<String, String> ENV = ConfigFixturesTest.ENV;

    static CanaryConfig load(String yaml, Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).parse(yaml, "test.yaml");
    }

    static String fullExample() throws Exception {
        return Files.readString(ConfigFixturesTest.FIXTURES.resolve("valid-full.yaml"));
    }

    @Test
    void theStartUpWarmUpReadsItsSampleConfigWhole() {
        assertTrue(ConfigLoader.warmUp(), "a sample that no longer reads would warm up nothing");
    }

    @Test
    void theIssuesExampleLoadsWithEveryValue() throws Exception {
        CanaryConfig config = load(fullExample(), ENV);
        assertEquals("production", config.environment());
        assertEquals("eu-west-1", config.location());
        assertEquals("SECRET-KEY-in-env", config.firebase().apiKey().reveal());
        assertEquals("‹redacted›", config.firebase().apiKey().toString());
        assertEquals(List.of(200, 201), config.backend().exchange().expectStatus());
        assertEquals(TokenLocation.Kind.JSON, config.backend().exchange().token().kind());
        CheckConfig overview = config.checks().get(0);
        assertEquals(Duration.ofSeconds(2), overview.slowAfter());
        assertEquals(Map.of("/widgets", 3), overview.expect().minItems());
        AccountConfig legacy = config.accounts().get(0);
        assertEquals("2y", legacy.cohort());
        assertEquals("m-legacy", legacy.var("marker"));
        assertEquals(5, overview.expect().plus(legacy.expect().get("overview")).minItems().get("/widgets"));
        assertEquals(Duration.ofDays(30), config.cohorts().get(0).maxAge());
        assertEquals(new ScheduleConfig(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30), null, ScheduleConfig.DEFAULT_CONFIRM_AFTER), config.schedule());
    }

    @Test
    void recordsNeverPrintSecrets() throws Exception {
        String printed = load(fullExample(), ENV).toString();
        assertFalse(printed.contains("SECRET-"), printed);
    }

    @Nested
    class Defaults {
        static final String MINIMAL = """
                environment: staging
                firebase: { apiKey: k }
                backend: { baseUrl: "https://api.example.com" }
                checks: [ { name: home, path: /api/home } ]
                accounts: [ { name: a, email: a@example.com, password: p } ]
                """;

        @Test
        void minimalConfigGetsTheDocumentedDefaults() throws Exception {
            CanaryConfig config = load(MINIMAL, Map.of());
            assertEquals("", config.location());
            assertNull(config.backend().exchange());
            assertEquals(BackendConfig.DEFAULT_HEADERS, config.backend().headers());
            assertEquals("GET", config.checks().get(0).method());
            assertTrue(config.checks().get(0).expect().acceptsStatus(204));
            assertFalse(config.checks().get(0).expect().acceptsStatus(301));
            assertEquals(List.of("new", "recent", "established"), config.cohorts().stream().map(CohortConfig::name).toList());
            assertEquals(Duration.ofSeconds(15), config.schedule().interval());
            assertEquals(Duration.ofSeconds(15), config.schedule().timeout(), "at most the interval");
            assertEquals(Duration.ofSeconds(3), config.schedule().confirmAfter());
            assertEquals(9464, config.server().port());
            assertEquals(LoginMethod.PASSWORD, config.accounts().get(0).login());
        }

        @Test
        void emulatorHostComesFromTheEnvironmentWhenTheConfigHasNone() throws Exception {
            assertEquals("127.0.0.1:9099", load(MINIMAL, Map.of("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099")).firebase().emulatorHost());
        }

        @Test
        void environmentDefaultsAndEscapesAreApplied() throws Exception {
            CanaryConfig config = load(MINIMAL.replace("environment: staging", "environment: ${ENVIRONMENT:-prod}")
                    .replace("path: /api/home", "path: \"/api/home?x=$${literal}\""), Map.of());
            assertEquals("prod", config.environment());
            assertEquals("/api/home?x=${literal}", config.checks().get(0).path().source());
        }

        @Test
        void passwordFileIsReadAndTrimmed(@TempDir Path dir) throws Exception {
            Path secret = Files.writeString(dir.resolve("pw"), "from-file\n");
            CanaryConfig config = load(MINIMAL.replace("password: p", "passwordFile: " + secret), Map.of());
            assertEquals("from-file", config.accounts().get(0).password().reveal());
        }
    }

    @Nested
    class Cohorts {
        @ParameterizedTest(name = "{0} days old is {1}")
        @CsvSource({"0, new", "30, new", "31, recent", "180, recent", "181, established", "4000, established"})
        void ageFallsInTheFirstCohortItDoesNotExceed(long days, String cohort) throws Exception {
            assertEquals(cohort, load(fullExample(), ENV).cohortForAge(Duration.ofDays(days)));
        }
    }

    @Test
    void missingFileIsAOneLineError(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(dir.resolve("x.yaml")));
        assertEquals(dir.resolve("x.yaml") + ": no such file", e.getMessage());
    }

    @Test
    void emptyFileSaysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("# nothing\n", Map.of()));
        assertEquals("test.yaml: the file is empty", e.getMessage());
    }
}
