package io.usercanary.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code usercanary} in a child JVM on the test class path, its stderr captured to a file. */
final class ChildJvm implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving on http://[^:/]+:(\\d+)/");

    final Process process;
    final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    static ChildJvm start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classPath(), "io.usercanary.cli.Main"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove(io.usercanary.logging.LogFormat.ENV);
        builder.environment().putAll(env);
        return new ChildJvm(builder.start(), err);
    }

    /** Surefire's own class path when it hides it behind a manifest-only jar. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, path.split(File.pathSeparator));
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The port from the start-up log line, waiting up to {@code timeout}. */
    int port(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(stderr());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited " + process.exitValue() + " before serving:\n" + stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no 'serving on' line within " + timeout.toSeconds() + " s:\n" + stderr());
    }

    /** Sends SIGTERM and returns the exit code, failing when the process takes longer than {@code timeout}. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running " + timeout.toSeconds() + " s after SIGTERM:\n" + stderr());
        }
        return process.exitValue();
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
