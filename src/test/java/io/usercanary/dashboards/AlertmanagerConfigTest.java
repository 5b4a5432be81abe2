package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.Components;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dashboards/alertmanager.yml and usercanary.tmpl through amtool: valid, routed as decided, rendered as on-call reads it. */
@Tag("component")
class AlertmanagerConfigTest {
    static final Path CONFIG = DashboardQueries.dashboardsDir().resolve("alertmanager.yml");
    static final Path TEMPLATE = DashboardQueries.dashboardsDir().resolve("usercanary.tmpl");
    static final Path FIXTURES = Path.of("src/test/resources/dashboards");

    @Test
    void amtoolAcceptsTheConfigAndItsTemplate() throws Exception {
        String output = amtool("check-config", CONFIG.toString());
        assertTrue(output.contains("1 templates") && output.contains("3 inhibit rules"), output);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            UsercanaryEmptyDashboards,      critical, paging
            UsercanaryClusterDatabaseDown,  critical, paging
            UsercanaryPartialDataLoss,      warning,  chat
            UsercanaryInternalErrors,       warning,  chat
            """)
    void criticalAlertsPageAndWarningsGoToChat(String alertname, String severity, String receiver) throws Exception {
        String output = amtool("config", "routes", "test", "--config.file=" + CONFIG, "alertname=" + alertname, "severity=" + severity);
        assertEquals(receiver, output.strip().lines().reduce((a, b) -> b).orElse(""), output);
    }

    @Test
    void theFirstLineSaysWhatIsWrongAndForWhomThenTheAssertionRunbookAndStatusPage() throws Exception {
        String rendered = render("notification-empty-dashboards-firing.json");
        assertEquals("""
                Empty dashboards: cohort recent (accounts 30–180 days old: recent-2mo, recent-5mo) in production; new and established fine
                ---
                Empty dashboards: cohort recent (accounts 30–180 days old: recent-2mo, recent-5mo) in production; new and established fine
                First failing assertion: recent-2mo: empty in check overview, notEmpty /widgets failed, 2 runs in a row
                2 of 2 ...
                Runbook: https://github.com/usercanary/usercanary#runbook-usercanaryemptydashboards
                Status page: https://canary.example.com/
                Since: 2026-12-01 09:00:00 UTC
                """.strip(), rendered.strip());
    }

    @Test
    void aResolveNotificationSaysSoInItsFirstLine() throws Exception {
        String rendered = render("notification-empty-dashboards-resolved.json");
        assertTrue(rendered.startsWith("RESOLVED: Empty dashboards: cohort recent"), rendered);
        assertTrue(rendered.contains("Since: 2026-12-01 09:00:00 UTC, resolved 09:06:00 UTC"), rendered);
    }

    private static String render(String fixture) throws Exception {
        return amtool("template", "render", "--template.glob=" + TEMPLATE,
                "--template.text={{ template \"usercanary.title\" . }}\n---\n{{ template \"usercanary.text\" . }}",
                "--template.data=" + FIXTURES.resolve(fixture).toAbsolutePath());
    }

    /** Runs amtool; its stdout (warnings on stderr are dropped) or an assertion error with both. */
    static String amtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Components.amtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("amtool " + String.join(" ", args) + " timed out");
        }
        assertEquals(0, process.exitValue(), "amtool " + String.join(" ", args) + "\n" + out);
        return out;
    }
}
