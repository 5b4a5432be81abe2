package io.usercanary.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoConfigTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final String AUTH = "127.0.0.1:41001";
    private static final String BACKEND = "http://127.0.0.1:41002";

    private final DemoAccounts accounts = DemoAccounts.seed(NOW, new SecureRandom());

    private String render(DemoConfig.Options options) {
        return DemoConfig.render(AUTH, BACKEND, accounts.all(), options);
    }

    @Test
    void renderedYamlParsesAndPointsAtTheDemoPorts() throws Exception {
        JsonNode config = YAML.readTree(render(DemoConfig.Options.defaults()));

        assertEquals("demo", config.path("environment").asText());
        assertEquals("demo-api-key", config.at("/firebase/apiKey").asText());
        assertEquals(AUTH, config.at("/firebase/emulatorHost").asText());
        assertEquals(BACKEND, config.at("/backend/baseUrl").asText());
        assertEquals("{\"idToken\":\"{{idToken}}\"}", config.at("/backend/exchange/body").asText());
        assertEquals("/data/session/accessToken", config.at("/backend/exchange/token/json").asText());
        assertEquals("Bearer {{jwt}}", config.at("/backend/headers/Authorization").asText());
        assertEquals("{{account.marker}}", config.at("/checks/0/expect/equals").path("/profile/marker").asText());
        assertEquals(1, config.at("/checks/0/expect/minItems").path("/widgets").asInt());
        assertEquals("/projects", config.at("/checks/1/expect/notEmpty/0").asText());
        assertEquals(9464, config.at("/server/port").asInt());
    }

    @Test
    void renderIsTheCheckedInExampleApartFromPorts() throws Exception {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/demo/usercanary-demo.yml")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rendered = render(DemoConfig.Options.defaults())
                .replace(AUTH, "127.0.0.1:FIREBASE_PORT").replace(BACKEND, "http://127.0.0.1:BACKEND_PORT");
        for (DemoAccount account : accounts.all()) {
            rendered = rendered.replace(account.password(), "THROWAWAY-" + account.name());
        }
        assertEquals(expected, rendered);
    }

    @Test
    void accountsHoldTheirThrowawayPasswordsSoTheFileWorksAsItIs() throws Exception {
        String yaml = render(DemoConfig.Options.defaults());
        JsonNode config = YAML.readTree(yaml);
        assertEquals(4, config.path("accounts").size());
        for (int i = 0; i < 4; i++) {
            DemoAccount account = accounts.all().get(i);
            JsonNode entry = config.path("accounts").get(i);
            assertEquals(account.email(), entry.path("email").asText());
            assertEquals(account.password(), entry.path("password").asText());
            assertEquals(account.marker(), entry.at("/vars/marker").asText());
        }
        assertFalse(yaml.lines().filter(l -> !l.strip().startsWith("#")).anyMatch(l -> l.contains("${")),
                "no variable a newcomer would have to set");
        assertTrue(yaml.contains("# The passwords below are throwaway values"), yaml);
    }

    @Test
    void theRenderedConfigLoadsWithAnEmptyEnvironment() throws Exception {
        CanaryConfig config = new ConfigLoader(Map.of()).parse(render(DemoConfig.Options.defaults()), "demo.yaml");
        assertEquals(accounts.all().get(1).password(), config.accounts().get(1).password().reveal());
    }

    @Test
    void theFourAccountsFallInFourDifferentCohorts() throws Exception {
        JsonNode cohorts = YAML.readTree(render(DemoConfig.Options.defaults())).path("cohorts");
        Set<String> used = new HashSet<>();
        for (DemoAccount account : accounts.all()) {
            used.add(cohortOf(cohorts, account.ageAt(NOW)));
        }
        assertEquals(Set.of("new", "recent", "established", "veteran"), used);
    }

    private static String cohortOf(JsonNode cohorts, Duration age) {
        for (JsonNode cohort : cohorts) {
            String maxAge = cohort.path("maxAge").asText("");
            if (maxAge.isEmpty() || age.compareTo(Duration.ofDays(Long.parseLong(maxAge.replace("d", "")))) <= 0) {
                return cohort.path("name").asText();
            }
        }
        throw new AssertionError("no cohort for " + age);
    }

    @Test
    void serverPortAndIntervalAreParameters() throws Exception {
        JsonNode config = YAML.readTree(render(DemoConfig.Options.defaults()
                .withServerPort(19464).withInterval(Duration.ofSeconds(30))));
        assertEquals(19464, config.at("/server/port").asInt());
        assertEquals("30s", config.at("/schedule/interval").asText());
        assertEquals("6s", config.at("/schedule/jitter").asText());
        assertEquals("10s", config.at("/schedule/timeout").asText());
    }

    @Test
    void shortIntervalsKeepTimeoutAndJitterWithinTheInterval() throws Exception {
        JsonNode schedule = YAML.readTree(render(DemoConfig.Options.defaults()
                .withInterval(Duration.ofSeconds(2)))).path("schedule");
        assertEquals("2s", schedule.path("timeout").asText());
        assertEquals("400ms", schedule.path("jitter").asText());
    }

    @Test
    void databaseNameAssertionIsOptIn() throws Exception {
        JsonNode plain = YAML.readTree(render(DemoConfig.Options.defaults()));
        JsonNode asserted = YAML.readTree(render(DemoConfig.Options.defaults().withDbNameAssertion(true)));
        assertTrue(plain.at("/checks/0/expect/headers").isMissingNode());
        assertEquals("prod-main", asserted.at("/checks/0/expect/headers/X-Db-Name").asText());
    }
}
