package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} reads everything but secret values: what only the production machine has is a warning. */
class ValidationWithoutSecretsTest {
    static final String CONFIG = """
            environment: production
            firebase: { apiKey: "${FIREBASE_WEB_API_KEY}" }
            backend: { baseUrl: "https://api.example.com" }
            checks: [ { name: home, path: /api/home } ]
            accounts:
              - { name: legacy, email: l@example.com, password: "${CANARY_LEGACY_PASSWORD}" }
              - { name: recent, email: r@example.com, passwordFile: /nonexistent/canary-recent }
            """;

    @Test
    void unsetVariablesAndUnreadablePasswordFilesAreWarnings() throws Exception {
        ConfigValidation validation = new ConfigLoader(Map.of()).validate(CONFIG, "usercanary.yaml");
        assertEquals(List.of(
                "usercanary.yaml:2: firebase.apiKey: environment variable FIREBASE_WEB_API_KEY is not set here; needed at run time",
                "usercanary.yaml:6: accounts[0].password: environment variable CANARY_LEGACY_PASSWORD is not set here; needed at run time",
                "usercanary.yaml:7: accounts[1].passwordFile: /nonexistent/canary-recent is not readable here; needed at run time"),
                validation.warnings());
        assertEquals(2, validation.config().accounts().size());
    }

    @Test
    void theStrictLoadStillRefusesThem() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(CONFIG, "usercanary.yaml"));
        assertEquals("usercanary.yaml:2: firebase.apiKey: environment variable FIREBASE_WEB_API_KEY is not set "
                + "(write ${FIREBASE_WEB_API_KEY:-default} for a default)", e.getMessage());
    }

    @Test
    void withEverySecretThereIsNothingToWarnAbout(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("canary-recent"), "pw\n");
        ConfigValidation validation = new ConfigLoader(Map.of("FIREBASE_WEB_API_KEY", "k", "CANARY_LEGACY_PASSWORD", "p"))
                .validate(CONFIG.replace("/nonexistent/canary-recent", secret.toString()), "usercanary.yaml");
        assertEquals(List.of(), validation.warnings());
        assertEquals("pw", validation.config().accounts().get(1).password().reveal());
    }

    @Test
    void anUnsetVariableThatLeavesAValueInvalidIsStillAnError() {
        String yaml = CONFIG.replace("\"https://api.example.com\"", "\"${API_BASE_URL}\"");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).validate(yaml, "usercanary.yaml"));
        assertEquals("usercanary.yaml:3: backend.baseUrl: environment variable API_BASE_URL is not set "
                + "(write ${API_BASE_URL:-default} for a default)", e.getMessage());
    }

    @Test
    void everythingElseIsCheckedAsStrictlyAsEver() {
        String yaml = CONFIG.replace("name: home", "name: Home");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).validate(yaml, "usercanary.yaml"));
        assertEquals("usercanary.yaml:4: checks[0].name: 'Home' is not a label: use lower-case letters, digits, '_' and '-'", e.getMessage());
    }

    @Test
    void aPasswordFileNamedThroughAnUnsetVariableWarnsOnce() throws Exception {
        String yaml = CONFIG.replace("/nonexistent/canary-recent", "\"${SECRETS_DIR}/canary-recent\"");
        List<String> warnings = new ConfigLoader(Map.of("FIREBASE_WEB_API_KEY", "k", "CANARY_LEGACY_PASSWORD", "p"))
                .validate(yaml, "usercanary.yaml").warnings();
        assertEquals(List.of("usercanary.yaml:7: accounts[1].passwordFile: environment variable SECRETS_DIR is not set here; "
                + "needed at run time"), warnings);
    }

    @Test
    void passwordAndPasswordFileTogetherIsStillAnError() {
        String yaml = CONFIG.replace("passwordFile: /nonexistent/canary-recent", "password: x, passwordFile: /nonexistent/canary-recent");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).validate(yaml, "usercanary.yaml"));
        assertEquals("usercanary.yaml:7: accounts[1].passwordFile: give either password or passwordFile, not both", e.getMessage());
    }
}
