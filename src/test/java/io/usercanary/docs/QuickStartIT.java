package io.usercanary.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.usercanary.testing.ChildProcess;
import io.usercanary.testing.Components;
import io.usercanary.testing.Eventually;
import io.usercanary.testing.LocalHttp;
import io.usercanary.testing.StatusPageRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a newcomer runs it: its two commands, read from the README, in a fresh clone
 * of this checkout's HEAD (uncommitted changes are not in it, on purpose). {@code scripts/demo} has to build
 * the jar itself and show the incident; {@code scripts/test}, narrowed to one unit test so that it does not
 * run this suite again, has to install firebase-tools, start the emulator, pass and stop the emulator.
 *
 * <p>A failsafe test: it runs after the unit tests and the package have passed, so a broken build fails
 * fast before these minutes are spent. {@code -DexcludedGroups=quickstart} leaves it out of a local run.
 */
@Tag("component")
@Tag("quickstart")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickStartIT {
    /** Set for everything run in the clone; this test skips itself there, so it can never recurse. */
    static final String NESTED = "USERCANARY_QUICKSTART_NESTED";
    static final Duration TOTAL = Duration.ofMinutes(8);
    static final List<String> DEMO_ARGS = List.of("--port", "0", "--interval", "2s", "--incident-at", "3s", "--recover-at", "60s");
    /** One fast unit test and no *IT at all: still the whole install, start, verify and stop. */
    static final List<String> TEST_ARGS = List.of("-Dtest=DurationsTest", "-Dsurefire.failIfNoSpecifiedTests=false",
            "-Dit.test=none", "-Dfailsafe.failIfNoSpecifiedTests=false");
    static final Pattern STATUS_PAGE = Pattern.compile("(?m)^  status page  (http://localhost:\\d+)/$");
    static final Pattern EMULATOR_UP = Pattern.compile("(?m)^==> firebase auth emulator on 127\\.0\\.0\\.1:\\d+ ");

    @TempDir
    static Path temp;
    FreshClone clone;
    List<String> commands;
    long deadline;

    @BeforeAll
    void cloneThisCheckout() throws Exception {
        assumeFalse("1".equals(System.getenv(NESTED)), "inside the quick-start test's own clone: not again");
        deadline = System.nanoTime() + TOTAL.toNanos();
        commands = QuickStartSection.commands(ReadmeTest.readme());
        assertEquals(List.of("scripts/demo", "scripts/test"), commands, "the README's quick start changed: update this test");

        Optional<Path> checkout = FreshClone.topLevel(Path.of("").toAbsolutePath());
        if (checkout.isEmpty()) {
            String message = "needs git and a git checkout to clone";
            if (Components.inCi()) {
                Assertions.fail("CI=true: " + message);
            }
            Assumptions.abort(message);
        }
        long started = System.nanoTime();
        clone = FreshClone.of(checkout.get(), temp.resolve("clone"));
        System.out.printf("QuickStartIT: cloned %s at %s in %.1f s%n", checkout.get(), clone.commit.substring(0, 12),
                seconds(started));
    }

    @AfterAll
    void killWhateverTheCloneLeftRunning() {
        if (clone != null) {
            clone.killLeftovers();
        }
    }

    @Test
    @Order(1)
    void scriptsDemoBuildsTheJarItselfAndShowsTheIncident() throws Exception {
        Path jar = clone.dir.resolve("target/usercanary.jar");
        assertFalse(Files.exists(jar), "a fresh clone has no jar");
        long started = System.nanoTime();
        try (ChildProcess demo = ChildProcess.start(clone.command(commands.get(0), DEMO_ARGS, NESTED), temp.resolve("logs"))) {
            String base = demo.awaitStdout(STATUS_PAGE, remaining(Duration.ofMinutes(5))).group(1);
            double serving = seconds(started);
            StatusPageRows incident = Eventually.until(until(Duration.ofSeconds(60)), "empty in a middle cohort",
                    () -> StatusPageRows.parse(LocalHttp.get(base + "/")),
                    page -> Stream.of("recent", "established").anyMatch(c -> "empty".equals(page.outcomeByCohort().get(c))));
            double empty = seconds(started);
            for (String cohort : List.of("new", "veteran")) {
                assertFalse("empty".equals(incident.outcomeByCohort().get(cohort)), cohort + " stays out of it: " + incident);
            }
            assertTrue(clone.processesRunningFromIt().stream().anyMatch(p -> p.pid() == demo.pid()),
                    "the scan for leftovers sees the running demo");

            long stopping = System.nanoTime();
            assertEquals(0, demo.terminate(Duration.ofSeconds(15)), demo.tails());
            System.out.printf("QuickStartIT: scripts/demo built and served in %.1f s, showed empty %.1f s after start, "
                    + "stopped in %.1f s%n", serving, empty, seconds(stopping));
            assertTrue(demo.stderr().contains("==> building target/usercanary.jar"), demo.tails());
        }
        assertTrue(Files.isRegularFile(jar), "scripts/demo built " + jar);
        assertTrue(Files.isRegularFile(clone.dir.resolve("target/demo/usercanary.yaml")),
                "the config is written where the README says");
        assertEquals(List.of(), clone.killLeftovers(), "processes left running from the clone");
    }

    @Test
    @Order(2)
    void scriptsTestInstallsAndStartsTheEmulatorRunsMavenAndStopsIt() throws Exception {
        long started = System.nanoTime();
        try (ChildProcess test = ChildProcess.start(clone.command(commands.get(1), TEST_ARGS, NESTED), temp.resolve("logs"))) {
            int exit = test.awaitExit(remaining(Duration.ofMinutes(6)));
            System.out.printf("QuickStartIT: scripts/test (one unit test) exited %d after %.1f s%n", exit, seconds(started));
            assertEquals(0, exit, test.tails());
            String out = test.stdout();
            assertTrue(out.contains("==> installing firebase-tools"), "a fresh clone installs firebase-tools\n" + test.tails());
            assertTrue(EMULATOR_UP.matcher(out).find(), "the emulator started\n" + test.tails());
            assertTrue(out.contains("in io.usercanary.config.DurationsTest"), test.tails());
            assertFalse(out.contains("QuickStartIT"), "the clone's run must not run the quick start again");
        }
        assertEquals(List.of(), clone.killLeftovers(), "processes (the emulator?) left running from the clone");
    }

    /** What is left of the whole test's time, at most {@code cap}. */
    Duration remaining(Duration cap) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "the quick start ran out of its " + TOTAL.toMinutes() + " minutes");
        return Duration.ofNanos(Math.min(left, cap.toNanos()));
    }

    /** A {@link System#nanoTime()} deadline {@code cap} from now, within the whole test's time. */
    long until(Duration cap) {
        return System.nanoTime() + remaining(cap).toNanos();
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
