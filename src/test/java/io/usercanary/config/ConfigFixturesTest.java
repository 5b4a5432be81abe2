package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each {@code invalid-*.yaml} fixture states on its first line the exact one-line error it must produce. */
class ConfigFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/config");
    static final Map<String, String> ENV = Map.of(
            "FIREBASE_WEB_API_KEY", "SECRET-KEY-in-env", "CANARY_LEGACY_PASSWORD", "SECRET-PASSWORD-in-env");

    static Stream<Path> invalidFixtures() throws IOException {
        return Files.list(FIXTURES).filter(p -> p.getFileName().toString().startsWith("invalid-")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void invalidFixtureFailsWithItsExactMessage(Path fixture) throws IOException {
        String text = Files.readString(fixture, StandardCharsets.UTF_8);
        String expected = text.lines().findFirst().orElseThrow().replaceFirst("^# error: ", "");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(ENV).parse(text, fixture.getFileName().toString()));
        if (expected.endsWith("...")) {
            assertEquals(expected.substring(0, expected.length() - 3), e.getMessage().substring(0, expected.length() - 3));
        } else {
            assertEquals(expected, e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(e.getMessage().contains("SECRET-"), "no secret in a config error");
    }
}
