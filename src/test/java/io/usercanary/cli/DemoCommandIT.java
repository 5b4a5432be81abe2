package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CohortConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.metrics.PrometheusText;
import io.usercanary.testing.ChildProcess;
import io.usercanary.testing.Eventually;
import io.usercanary.testing.JarProcess;
import io.usercanary.testing.LocalHttp;
import io.usercanary.testing.StatusPageRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code usercanary demo} through the packaged jar, one run for the whole story told in order: it serves
 * the status page and /metrics, writes a usable config, shows the incident in the two middle cohorts
 * within 30 s, heals after {@code --recover-at}, and ends with exit 0 on SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCommandIT {
    static final Duration INCIDENT_AT = Duration.ofSeconds(5);
    static final Duration RECOVER_AT = Duration.ofSeconds(25);
    static final Duration INCIDENT_SHOWN_WITHIN = Duration.ofSeconds(30);
    /** Past --recover-at: JVM start-up, one 2 s interval and its jitter, with room for a busy machine. */
    static final Duration RECOVERY_SHOWN_WITHIN = RECOVER_AT.plusSeconds(20);
    static final Pattern STATUS_PAGE = Pattern.compile("(?m)^  status page  (http://localhost:\\d+)/$");
    static final Pattern THROWAWAY_PASSWORD_LINE = Pattern.compile("password: '[A-Za-z0-9_-]{24}' {3}# throwaway demo password");
    static final Map<String, String> INCIDENT = Map.of("new", "ok", "recent", "empty", "established", "empty", "veteran", "ok");
    static final Map<String, String> HEALTHY = Map.of("new", "ok", "recent", "ok", "established", "ok", "veteran", "ok");

    @TempDir
    static Path dir;
    Path config;
    ChildProcess demo;
    long startedNanos;
    String base;

    @BeforeAll
    void startDemo() throws Exception {
        config = dir.resolve("written/usercanary.yaml");
        startedNanos = System.nanoTime();
        demo = ChildProcess.start(new ProcessBuilder(JarProcess.javaBinary(), "-jar", JarProcess.jar().toString(), "demo",
                "--port", "0", "--incident-at", INCIDENT_AT.toSeconds() + "s", "--recover-at", RECOVER_AT.toSeconds() + "s",
                "--interval", "2s", "--write-config", config.toString()).directory(dir.toFile()), dir.resolve("logs"));
        base = demo.awaitStdout(STATUS_PAGE, Duration.ofSeconds(20)).group(1);
    }

    @AfterAll
    void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    /** The {@link System#nanoTime()} deadline {@code duration} after the demo was started. */
    long afterStart(Duration duration) {
        return startedNanos + duration.toNanos();
    }

    double sinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** GETs a path of the demo; a demo that has exited fails the test at once, with what it printed. */
    String get(String path) {
        if (!demo.isAlive()) {
            throw new AssertionError("the demo exited early with " + demo.exitValue() + "\n" + demo.tails());
        }
        return LocalHttp.get(base + path);
    }

    StatusPageRows page() {
        return StatusPageRows.parse(get("/"));
    }

    double runs(String cohort, String outcome) {
        return PrometheusText.parse(get("/metrics"))
                .value("usercanary_runs_total", "cohort", cohort, "outcome", outcome).orElse(0.0);
    }

    @Test
    @Order(1)
    void printsWhereToLookAndServesBothAddresses() {
        assertTrue(demo.stdout().contains("\n  metrics      " + base + "/metrics\n"), demo.stdout());
        assertTrue(demo.stdout().contains("  config       " + config.toAbsolutePath() + "  "), demo.stdout());
        // Cohorts come from each account's first lookup, so only the accounts are known this early.
        assertEquals(Set.of("new-3d", "recent-2mo", "established-8mo", "veteran-3y"),
                page().outcomeByAccount().keySet());
        PrometheusText metrics = PrometheusText.parse(get("/metrics"));
        // Per-account series appear with each cohort; these are there from the first scrape.
        assertEquals(List.of(1.0), metrics.named("usercanary_build_info").stream().map(PrometheusText.Sample::value).toList());
        assertEquals(Optional.of(2.0), metrics.value("usercanary_schedule_interval_seconds"));
    }

    @Test
    @Order(2)
    void writesAConfigThatLoadsAsItIsReadableByItsOwnerOnly() throws Exception {
        String yaml = Files.readString(config, StandardCharsets.UTF_8);
        List<String> passwordLines = yaml.lines().map(String::strip).filter(l -> l.startsWith("password")).toList();
        assertEquals(4, passwordLines.size(), yaml);
        for (String line : passwordLines) {
            assertTrue(THROWAWAY_PASSWORD_LINE.matcher(line).matches(), "a password line without its throwaway value: " + line);
        }

        CanaryConfig loaded = new ConfigLoader(Map.of()).load(config);
        assertEquals(List.of("new-3d", "recent-2mo", "established-8mo", "veteran-3y"),
                loaded.accounts().stream().map(AccountConfig::name).toList());
        assertEquals(4, loaded.accounts().stream().map(a -> a.password().reveal()).distinct().count());
        assertEquals(List.of("new", "recent", "established", "veteran"), loaded.cohorts().stream().map(CohortConfig::name).toList());
        assertEquals(Duration.ofSeconds(2), loaded.schedule().interval());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)), "it holds passwords");
    }

    @Test
    @Order(3)
    void withinThirtySecondsTheMiddleCohortsAreEmptyAndTheOthersOk() throws Exception {
        long deadline = afterStart(INCIDENT_SHOWN_WITHIN);
        StatusPageRows page = Eventually.until(deadline, "the incident on the status page",
                this::page, p -> p.outcomeByCohort().equals(INCIDENT));
        System.out.printf("DemoCommandIT: the incident showed on the status page %.1f s after start%n", sinceStart());
        assertEquals(Map.of("new", "ok", "recent", "failing", "established", "failing", "veteran", "ok"), page.statusByCohort());

        for (String cohort : List.of("recent", "established")) {
            double first = Eventually.until(deadline, "empty runs of " + cohort, () -> runs(cohort, "empty"), v -> v > 0);
            Eventually.until(deadline, "empty runs of " + cohort + " rising past " + first,
                    () -> runs(cohort, "empty"), v -> v > first);
        }
        for (String cohort : List.of("new", "veteran")) {
            assertEquals(0.0, runs(cohort, "empty"), cohort);
            assertTrue(runs(cohort, "ok") > 0, cohort);
        }
    }

    @Test
    @Order(4)
    void afterRecoverAtEveryAccountsLatestOutcomeIsOkAgain() throws Exception {
        long deadline = afterStart(RECOVERY_SHOWN_WITHIN);
        double okBefore = runs("recent", "ok");
        StatusPageRows page = Eventually.until(deadline, "every account ok again after --recover-at",
                this::page, p -> p.outcomeByCohort().equals(HEALTHY));
        System.out.printf("DemoCommandIT: every account was ok again %.1f s after start%n", sinceStart());
        assertEquals(HEALTHY, page.statusByCohort());
        assertTrue(runs("recent", "ok") > okBefore, "ok runs of recent rose after the recovery");
        assertTrue(runs("recent", "empty") > 0, "the incident's empty runs stay counted");
    }

    @Test
    @Order(5)
    void sigtermStopsItWithExitZeroWithinTwelveSeconds() throws Exception {
        long asked = System.nanoTime();
        assertEquals(0, demo.terminate(Duration.ofSeconds(12)), demo.tails());
        System.out.printf("DemoCommandIT: stopped %d ms after SIGTERM%n", (System.nanoTime() - asked) / 1_000_000);
    }
}
