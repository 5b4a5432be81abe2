package io.usercanary.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code usercanary.jar} as a child process, as a user or the Dockerfile would. */
public final class JarProcess {
    private JarProcess() {}

    /** What a finished run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {}

    public static Path jar() {
        String configured = System.getProperty("usercanary.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target/usercanary.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + "; run the *IT tests through 'mvn verify'");
        }
        return jar;
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("FIREBASE_AUTH_EMULATOR_HOST");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("usercanary-out", ".txt");
        Path err = Files.createTempFile("usercanary-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("usercanary " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
