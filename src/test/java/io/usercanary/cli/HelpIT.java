package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.testing.JarProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code COMMAND --help} through the packaged jar: every command lists every option it has and exits 0. */
class HelpIT {
    @TempDir
    Path dir;

    /** The command's model as picocli builds it from the annotations: what the help must list. */
    static CommandSpec spec(String command) {
        CommandLine top = Main.commandLine();
        return command.isEmpty() ? top.getCommandSpec() : top.getSubcommands().get(command).getCommandSpec();
    }

    @ParameterizedTest(name = "usercanary {0} --help")
    @ValueSource(strings = {"", "run", "check", "validate", "seed", "demo", "healthcheck"})
    void everyCommandListsEachOfItsOptionsAndExitsZero(String command) throws Exception {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
        args.add("--help");
        JarProcess.Result result = JarProcess.run(Map.of(), args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
        String usage = ("usercanary " + command).strip();
        assertTrue(result.stdout().startsWith("Usage: " + usage + " "), result.stdout());
        for (OptionSpec option : spec(command).options()) {
            assertTrue(result.stdout().contains(option.longestName()), option.longestName() + " missing in:\n" + result.stdout());
        }
        assertTrue(result.stdout().contains("--help"), result.stdout());
    }

    @Test
    void theTopLevelHelpNamesEveryVisibleCommand() throws Exception {
        String stdout = JarProcess.run(Map.of(), "--help").stdout();
        for (String command : List.of("run", "check", "validate", "seed", "demo")) {
            assertTrue(stdout.contains("\n  " + command + " "), command + " missing in:\n" + stdout);
        }
    }

    @Test
    void helpAfterOtherOptionsStillWinsAndRunsNothing() throws Exception {
        Path config = dir.resolve("nope.yaml");
        JarProcess.Result result = JarProcess.run(Map.of(), "check", "--config", config.toString(), "--help");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("--junit=FILE"), result.stdout());
    }

    /** scripts/demo passes its arguments to the jar; run from a copy whose jar is already built, so nothing builds. */
    @Test
    void scriptsDemoHelpPrintsTheDemosOptions() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Path script = Files.copy(Path.of("scripts/demo"), scripts.resolve("demo"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(JarProcess.jar(), target.resolve("usercanary.jar"));
        Files.writeString(target.resolve(".usercanary-demo-built"), "");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--help")
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        String javaBin = Path.of(JarProcess.javaBinary()).getParent().toString();
        builder.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "scripts/demo --help did not finish");
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out + err);
        assertTrue(out.startsWith("Usage: usercanary demo "), out + err);
        assertTrue(out.contains("--incident-at=DURATION"), out);
        assertTrue(!err.contains("building"), "nothing was built: " + err);
        assertTrue(!Files.exists(target.resolve("demo/usercanary.yaml")), "help writes no config");
    }
}
