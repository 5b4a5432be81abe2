package io.usercanary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running child process (the demo, a script) with its stdout and stderr in files: waited on with
 * bounded polls only, and ended with everything it started by {@link #close()}, whatever happened.
 */
public final class ChildProcess implements AutoCloseable {
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final String name;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(Process process, String name, Path stdout, Path stderr) {
        this.process = process;
        this.name = name;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code builder} with no stdin and its output in new files under {@code logDir}. */
    public static ChildProcess start(ProcessBuilder builder, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "stdout", ".log");
        Path err = Files.createTempFile(logDir, "stderr", ".log");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        return new ChildProcess(process, String.join(" ", builder.command()), out, err);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of a process that has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** The first match of {@code pattern} in stdout, failing when the process exits first or {@code timeout} passes. */
    public Matcher awaitStdout(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(stdout());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited " + process.exitValue() + " before printing /" + pattern + "/\n" + tails());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print /" + pattern + "/ within " + timeout.toSeconds() + " s\n" + tails());
            }
            Thread.sleep(100);
        }
    }

    /** Waits for the process to end by itself; its exit code, or a failure after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout.toSeconds() + " s\n" + tails());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM ({@link Process#destroy()}) and returns the exit code, failing after {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running " + timeout.toSeconds() + " s after SIGTERM\n" + tails());
        }
        return process.exitValue();
    }

    /** The last lines of stdout and stderr, for failure messages. */
    public String tails() {
        return "--- stdout (last " + TAIL_LINES + " lines)\n" + tail(stdout()) + "--- stderr (last " + TAIL_LINES
                + " lines)\n" + tail(stderr());
    }

    /** Kills the process and every process it started that is still its descendant. Idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())) + "\n";
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
