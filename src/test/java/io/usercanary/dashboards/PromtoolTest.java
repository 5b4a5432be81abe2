package io.usercanary.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.dashboards.DashboardQueries.Query;
import io.usercanary.testing.Components;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promtool on the shipped rules, their unit tests and every dashboard query. */
@Tag("component")
class PromtoolTest {

    @Test
    void checkRulesAcceptsAlertsYml() throws Exception {
        Result result = promtool("check", "rules", DashboardQueries.alertsYml().toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void unitTestsOfTheAlertsPass() throws Exception {
        // Fires every alert from synthetic series, proves a single failed run fires nothing,
        // divergence only when one cohort fails and another passes, and the dead-canary alerts.
        Result result = promtool("test", "rules", DashboardQueries.alertsTestYml().toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void theDayLongPartialDataLossTestPasses() {
        // A separate file: it needs 26 hours of history, evaluated every 5 minutes to stay fast.
        Result result;
        try {
            result = promtool("test", "rules", DashboardQueries.dashboardsDir().resolve("alerts.slow-decline.test.yml").toString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void everyDashboardQueryIsValidPromql(@TempDir Path dir) throws Exception {
        // promtool has no "check expression", but it parses a recording rule's expr.
        List<String> lines = new ArrayList<>(List.of("groups:", "  - name: dashboard", "    rules:"));
        int i = 0;
        for (Query query : DashboardQueries.dashboard()) {
            lines.add("      # " + query.where().replace('\n', ' '));
            lines.add("      - record: dashboard:query:" + i++);
            lines.add("        expr: " + quoted(query.rendered()));
        }
        Path rules = Files.write(dir.resolve("dashboard-queries.yml"), lines, StandardCharsets.UTF_8);

        Result result = promtool("check", "rules", rules.toString());
        assertEquals(0, result.exitCode(), result.output() + "\n" + String.join("\n", lines));
    }

    private static String quoted(String expr) {
        return '"' + expr.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    record Result(int exitCode, String output) {}

    static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Components.promtool().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(DashboardQueries.dashboardsDir().toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        // promtool prints little; reading after exit cannot dead-lock on a full pipe at these sizes,
        // but read concurrently anyway so a chatty failure never hangs the build.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(could not read output: ").append(e).append(')');
            }
        });
        reader.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
            return new Result(-1, "promtool " + String.join(" ", args) + " timed out after 60 s\n" + output);
        }
        reader.join(5_000);
        return new Result(process.exitValue(), "promtool " + String.join(" ", args) + "\n" + output);
    }
}
