package io.usercanary.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CheckConfig;
import io.usercanary.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's annotated config and its promises stay true. */
public class ReadmeTest {
    static final Path README = Path.of("README.md");

    static String readme() throws Exception {
        return Files.readString(README, StandardCharsets.UTF_8);
    }

    /** The fenced block right after the {@code validated by ReadmeTest} marker. */
    public static String annotatedConfig() throws Exception {
        Matcher m = Pattern.compile("validated by ReadmeTest -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme());
        assertTrue(m.find(), "README has the annotated config block");
        return m.group(1);
    }

    @Test
    void annotatedExampleConfigIsValid(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("canary-recent"), "pw-from-file\n");
        CanaryConfig config = new ConfigLoader(Map.of(
                "FIREBASE_WEB_API_KEY", "key", "CANARY_LEGACY_PASSWORD", "pw", "CANARY_SECRETS_DIR", secrets.toString()))
                .parse(annotatedConfig(), "README.md");
        assertEquals(2, config.accounts().size());
        assertEquals("pw-from-file", config.accounts().get(1).password().reveal());
    }

    @Test
    void annotatedExampleShowsACaptureChainAndTheNewAssertions() throws Exception {
        CanaryConfig config = new ConfigLoader(Map.of("FIREBASE_WEB_API_KEY", "key", "CANARY_LEGACY_PASSWORD", "pw"))
                .validate(annotatedConfig(), "README.md").config();
        assertEquals(Set.of("orgId"), config.check("me").orElseThrow().capture().keySet());
        assertEquals(List.of("/errors"), config.check("me").orElseThrow().expect().absent());
        CheckConfig summary = config.check("summary").orElseThrow();
        assertEquals(Set.of("capture.orgId"), summary.path().placeholders());
        assertEquals(Set.of("/totals/projects"), summary.expect().atLeast().keySet());
        assertTrue(summary.expect().matches().get("/plan").find("team"));
        assertEquals(List.of(200, 201), config.backend().exchange().expectStatus());
    }

    @Test
    void everyRunbookTheAlertsLinkToIsAReadmeHeading() throws Exception {
        String alerts = Files.readString(Path.of("dashboards/alerts.yml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("#runbook-([a-z0-9]+)").matcher(alerts);
        List<String> missing = new ArrayList<>();
        String readme = readme().toLowerCase();
        while (m.find()) {
            if (!m.group(1).equals("") && !readme.contains("### runbook: " + m.group(1))) {
                missing.add(m.group(1));
            }
        }
        assertEquals(List.of(), missing.stream().distinct().toList());
    }
}
