package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.firebase.auth.UserRecord;
import io.usercanary.auth.Emulator;
import io.usercanary.auth.EmulatorStack;
import io.usercanary.auth.EmulatorConfigs;
import io.usercanary.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SeedCommandTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path file = dir.resolve("usercanary.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void seedWithoutProjectIdIsAConfigErrorInTheLoadersStyle() throws Exception {
        Path file = write(TestConfigs.basic("127.0.0.1:9", ""));
        CliRun run = CliRun.of("seed", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals("usercanary: " + file + ": firebase.projectId: required by seed\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void unreadableCredentialsFileIsAConfigError() throws Exception {
        Path file = write(TestConfigs.basic("127.0.0.1:9", "").replace("  emulatorHost: 127.0.0.1:9\n",
                "  projectId: demo-x\n  credentialsFile: " + dir.resolve("missing.json") + "\n"));
        CliRun run = CliRun.of("seed", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("usercanary: " + file + ": firebase.credentialsFile: cannot read "), run.err());
    }

    @Test
    void invalidConfigIsExitTwo() throws Exception {
        Path file = write("environment: test\nfirebase: {}\n");
        assertEquals(2, CliRun.of("seed", "--config", file.toString()).exitCode());
    }

    /** seed and check through Main, against the real emulator and the verifying stack.backend(). */
    @Nested
    @Tag("component")
    class AgainstTheEmulator {
        static final String PASSWORD_A = "LEAK-CANARY-PW-7d41c9";
        static final String PASSWORD_B = "LEAK-CANARY-PW-2b88e0";
        static final String API_KEY = "LEAK-CANARY-APIKEY-51aa";
        @RegisterExtension
        static final EmulatorStack.PerClass stack = new EmulatorStack.PerClass();

        String yaml(String emailA, String emailB, String uid) {
            return EmulatorConfigs.yaml(stack.emulator(), stack.backend().baseUrl(), "", EmulatorConfigs.passwordAccount("alpha", emailA, PASSWORD_A, "")
                    + EmulatorConfigs.passwordAccount("beta", emailB, PASSWORD_B, "cohort: established")
                    + EmulatorConfigs.customTokenAccount("service", uid))
                    .replace("apiKey: any-key-works", "apiKey: " + API_KEY);
        }

        @Test
        void seedThenCheckPassesEndToEndAndSeedingAgainChangesNothing() throws Exception {
            Path file = write(yaml(Emulator.uniqueEmail("alpha"), Emulator.uniqueEmail("beta"), Emulator.uniqueUid("svc")));

            CliRun seed = CliRun.of("seed", "--config", file.toString());
            assertEquals(0, seed.exitCode(), seed.all());
            List<String> lines = seed.out().lines().toList();
            assertTrue(lines.get(0).matches("ACCOUNT +UID +CREATED +AGE +COHORT +ACTION"), lines.get(0));
            assertTrue(lines.get(1).matches("alpha +\\S+ +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ +0m +new +created: provisioned 1 request"),
                    lines.get(1));
            assertTrue(lines.get(2).contains(" established "), "a configured cohort wins: " + lines.get(2));
            assertEquals("changed 3, unchanged 0", lines.get(4));

            CliRun check = CliRun.of("check", "--config", file.toString());
            assertEquals(0, check.exitCode(), check.all());
            assertTrue(check.out().contains("3 accounts passed"), check.out());

            CliRun again = CliRun.of("seed", "--config", file.toString());
            assertEquals(0, again.exitCode(), again.all());
            assertTrue(again.out().endsWith("3 accounts unchanged: nothing to do\n"), again.out());
        }

        @Test
        void noPasswordOrKeyInSeedsOutputOrLogWhateverItDoes() throws Exception {
            String emailA = Emulator.uniqueEmail("alpha");
            String emailB = Emulator.uniqueEmail("beta");
            stack.admin().auth().createUser(new UserRecord.CreateRequest().setEmail(emailB).setPassword("LEAK-CANARY-OLD-PW-0c3f").setDisabled(true));
            Path file = write(yaml(emailA, emailB, Emulator.uniqueUid("svc")));

            List<CliRun> runs = List.of(
                    CliRun.of("seed", "--dry-run", "--config", file.toString()),
                    CliRun.of("seed", "--config", file.toString()),
                    CliRun.of("seed", "--config", file.toString()),
                    CliRun.of("seed", "--config", write(yaml(emailA, emailB, "bad uid with spaces " + "x".repeat(130))).toString()));

            assertTrue(runs.get(1).out().contains("updated: enabled, password, claim usercanary"), runs.get(1).out());
            assertEquals(1, runs.get(3).exitCode(), "a failing account: " + runs.get(3).all());
            for (CliRun run : runs) {
                for (String secret : List.of(PASSWORD_A, PASSWORD_B, API_KEY, "LEAK-CANARY-OLD-PW-0c3f")) {
                    assertFalse(run.all().contains(secret), secret + " leaked:\n" + run.all());
                }
                assertFalse(run.all().contains("eyJ"), "a token leaked:\n" + run.all());
            }
        }

        @Test
        void dryRunChangesNothingAndSaysSo() throws Exception {
            String emailA = Emulator.uniqueEmail("alpha");
            Path file = write(yaml(emailA, Emulator.uniqueEmail("beta"), Emulator.uniqueUid("svc")));
            CliRun dry = CliRun.of("seed", "--dry-run", "--config", file.toString());
            assertEquals(0, dry.exitCode(), dry.all());
            assertTrue(dry.out().contains("would create: then provision 1 request"), dry.out());
            assertTrue(dry.out().endsWith("dry run, nothing changed: would change 3, unchanged 0\n"), dry.out());
            assertTrue(CliRun.of("seed", "--dry-run", "--config", file.toString()).out().contains("would change 3"),
                    "still nothing created");
        }
    }
}
