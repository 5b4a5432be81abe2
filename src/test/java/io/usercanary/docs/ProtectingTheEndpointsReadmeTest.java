package io.usercanary.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.Components;
import io.usercanary.webconfig.TestCertificates;
import io.usercanary.webconfig.WebConfigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The README's "Protecting the endpoints" examples, read from the README: every web config passes
 * {@code promtool check web-config} and loads in usercanary; the scrape config passes {@code promtool check config};
 * the documented example passwords are the ones hashed.
 */
@Tag("component")
class ProtectingTheEndpointsReadmeTest {
    private static final Pattern SECTION = Pattern.compile("(?ms)^## Protecting the endpoints\\n(.*?)(?=^## |\\z)");
    private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^( *)```yaml\\n(.*?)^\\1```");

    @TempDir
    Path dir;

    static List<String> yamlBlocks() throws Exception {
        Matcher section = SECTION.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertTrue(section.find(), "README.md has no '## Protecting the endpoints' section");
        List<String> blocks = new ArrayList<>();
        for (Matcher block = YAML_BLOCK.matcher(section.group(1)); block.find(); ) {
            String indent = block.group(1);
            blocks.add(block.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        return blocks;
    }

    @Test
    void everyWebConfigExamplePassesPromtoolAndLoads() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        Files.copy(certificates.file("server.crt"), dir.resolve("tls.crt"));
        Files.copy(certificates.file("server.key"), dir.resolve("tls.key"));
        List<String> webConfigs = yamlBlocks().stream().filter(b -> !b.contains("scrape_configs")).toList();
        assertEquals(2, webConfigs.size(), "the README's web config examples changed: " + webConfigs);
        for (int i = 0; i < webConfigs.size(); i++) {
            Path file = Files.writeString(dir.resolve("web-" + i + ".yml"), webConfigs.get(i));
            assertEquals("", promtool("check", "web-config", file.toString()), webConfigs.get(i));
            WebConfigFile.load(file);
        }
        assertTrue(BCrypt.checkpw("change-this-password", hash(webConfigs.get(0), "prometheus")));
        assertTrue(BCrypt.checkpw("change-this-too", hash(webConfigs.get(0), "healthcheck")));
    }

    @Test
    void theScrapeConfigExamplePassesPromtool() throws Exception {
        List<String> scrape = yamlBlocks().stream().filter(b -> b.contains("scrape_configs")).toList();
        assertEquals(1, scrape.size());
        TestCertificates certificates = TestCertificates.create(dir);
        Files.copy(certificates.file("ca.crt"), dir.resolve("usercanary-ca.crt"));
        Files.writeString(dir.resolve("usercanary-password"), "change-this-password\n");
        Path file = Files.writeString(dir.resolve("prometheus.yml"), scrape.get(0).replace("/etc/prometheus/", dir + "/"));
        assertEquals("", promtool("check", "config", file.toString()));
    }

    private static String hash(String webConfig, String user) {
        return webConfig.lines().map(String::strip).filter(l -> l.startsWith(user + ": "))
                .map(l -> l.substring(user.length() + 2)).findFirst().orElseThrow();
    }

    /** Runs promtool; returns "" on success, else its output. */
    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Components.promtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return process.exitValue() == 0 ? "" : output;
    }
}
