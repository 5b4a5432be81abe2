package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9's config findings that a fixture cannot hold: sizes, and what must keep being accepted. */
class ConfigHardeningTest {
    static final String MINIMAL = ConfigLoaderTest.Defaults.MINIMAL;

    static CanaryConfig load(String yaml) throws ConfigException {
        return new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
    }

    @Test
    void aFileOverOneMegabyteIsRefusedBeforeParsingNamingItsSize(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        String value = "x".repeat(50 * 1024 * 1024);
        Files.writeString(big, MINIMAL + "location: " + value + "\n", StandardCharsets.UTF_8);
        long size = Files.size(big);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(big));
        assertEquals(big + ": the file is " + size + " bytes; a config file may be at most 1 MB (1048576 bytes)", e.getMessage());
    }

    @Test
    void aStringOverOneMegabyteIsRefusedToo() {
        String yaml = MINIMAL + "location: " + "é".repeat(600 * 1024) + "\n";
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        long bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
        assertEquals("test.yaml: the file is " + bytes + " bytes; a config file may be at most 1 MB (1048576 bytes)", e.getMessage());
    }

    @Test
    void aFileOfExactlyTheLimitIsRead(@TempDir Path dir) throws Exception {
        String padded = MINIMAL + "#" + "p".repeat(ConfigLoader.MAX_BYTES - MINIMAL.length() - 2) + "\n";
        assertEquals(ConfigLoader.MAX_BYTES, padded.getBytes(StandardCharsets.UTF_8).length);
        Path file = Files.writeString(dir.resolve("limit.yaml"), padded, StandardCharsets.UTF_8);
        assertEquals("staging", new ConfigLoader(Map.of()).load(file).environment());
    }

    @Test
    void anAliasIsNeverReadAsItsAnchorsName() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(MINIMAL.replace("password: p", "password: *pw")));
        assertEquals("test.yaml:5: accounts[0].password: YAML aliases (*pw) are not allowed: write the value out", e.getMessage());
    }

    @Test
    void aMergeKeyIsAnAliasToo() {
        String yaml = MINIMAL + "defaults: &d { slowAfter: 1s }\n";
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().startsWith("test.yaml:6: defaults: YAML anchors (&d)"), e.getMessage());
    }

    @Test
    void oneDocumentMayStartWithDashesAndEndWithDots() throws Exception {
        assertEquals("staging", load("---\n" + MINIMAL + "...\n").environment());
    }

    @Test
    void anEmptySecondDocumentIsStillASecondDocument() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(MINIMAL + "---\n"));
        assertEquals("test.yaml:6: a second YAML document (after ---) is not allowed: one file holds one config", e.getMessage());
    }

    @Test
    void nestingAThousandLevelsDeepNamesTheLine() {
        String yaml = MINIMAL + "location: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertEquals("test.yaml:6: location: nested deeper than 100 levels", e.getMessage());
    }

    @Test
    void nestingOfADeepButSensibleConfigIsFine() throws Exception {
        String yaml = MINIMAL.replace("checks: [ { name: home, path: /api/home } ]",
                "checks: [ { name: home, path: /api/home, expect: { notEmpty: [/a/b/c/d/e/f] } } ]");
        assertEquals(1, load(yaml).checks().size());
    }

    @ParameterizedTest(name = "bind {0} is accepted")
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "::", "::1", "[::1]", "fe80::1", "2001:db8::8a2e:370:7334",
        "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "localhost", "canary.internal", "my-host.example.com."})
    void aBindAddressOrHostNameIsAccepted(String bind) throws Exception {
        assertEquals(bind, load(MINIMAL + "server: { bind: \"" + bind + "\" }\n").server().bind());
    }

    @ParameterizedTest(name = "bind {0} is refused")
    @ValueSource(strings = {"0.0.0.0:9464", "256.0.0.1", "1.2.3", "http://localhost", "-host", "a..b", "1:2:3:4:5:6:7:8:9",
        "1::2::3", "::ffff:999.0.0.1", "host_name", ""})
    void anythingElseIsRefusedWithoutALookUp(String bind) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(MINIMAL + "server: { bind: \"" + bind + "\" }\n"));
        assertTrue(e.getMessage().startsWith("test.yaml:6: server.bind: '" + bind + "' is not an IP address or host name"), e.getMessage());
    }

    @Test
    void aLineBreakInAQuotedValueNeverSplitsTheMessage() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(MINIMAL.replace("name: home", "name: \"ho\\nme\"")));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("'ho\\nme' is not a label"), e.getMessage());
    }

    @Test
    void aBodyMaySpanLines() throws Exception {
        CanaryConfig config = load(MINIMAL.replace("path: /api/home }", "path: /api/home, method: POST, body: \"{\\r\\n\\t\\\"a\\\": 1\\n}\" }"));
        assertEquals("{\r\n\t\"a\": 1\n}", config.checks().get(0).body().source());
    }
}
