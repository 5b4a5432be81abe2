package io.usercanary.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code git clone --no-hardlinks} of a checkout's HEAD commit in a directory of its own: what a newcomer
 * gets, without the checkout's build output, node_modules or uncommitted changes. Also finds the processes
 * still running from it.
 */
final class FreshClone {
    private static final long GIT_SECONDS = 120;

    final Path dir;
    final String commit;

    private FreshClone(Path dir, String commit) {
        this.dir = dir;
        this.commit = commit;
    }

    /** The top of the git work tree holding {@code path}, or empty when it is not in one (or git is missing). */
    static Optional<Path> topLevel(Path path) {
        try {
            return Optional.of(Path.of(git(path, "rev-parse", "--show-toplevel").strip()));
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Clones {@code checkout} into {@code into} (which must not exist) and checks out the checkout's HEAD. */
    static FreshClone of(Path checkout, Path into) throws IOException, InterruptedException {
        String head = git(checkout, "rev-parse", "HEAD").strip();
        Files.createDirectories(into.getParent());
        git(into.getParent(), "clone", "-q", "--no-hardlinks", checkout.toString(), into.toString());
        // The clone checks out the source's HEAD ref; detaching at the commit also covers a detached source.
        git(into, "checkout", "-q", "--detach", head);
        return new FreshClone(into.toRealPath(), head);
    }

    /**
     * {@code commandLine} (a README line such as {@code scripts/demo}) plus {@code extra}, run from the clone's
     * top with the environment of a fresh shell: none of this test run's {@code USERCANARY_*} settings, and
     * {@code nestedMarker=1} so a test that must not run in the clone can tell.
     */
    ProcessBuilder command(String commandLine, List<String> extra, String nestedMarker) {
        List<String> command = new ArrayList<>(List.of(commandLine.split("\\s+")));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("USERCANARY_") || name.equals("FIREBASE_AUTH_EMULATOR_HOST")
                || name.equals("MAVEN_PROJECTBASEDIR") || name.equals("MAVEN_CMD_LINE_ARGS"));
        env.put(nestedMarker, "1");
        return builder;
    }

    /** Processes whose command line names the clone or whose working directory is in it. */
    List<ProcessHandle> processesRunningFromIt() {
        String root = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(root)).orElse(false) || cwdIn(p))
                .toList();
    }

    /** Kills whatever still runs from the clone; returns what it found, as "pid command line". */
    List<String> killLeftovers() {
        List<String> found = new ArrayList<>();
        for (ProcessHandle p : processesRunningFromIt()) {
            found.add(p.pid() + " " + p.info().commandLine().orElse("?"));
            p.destroyForcibly();
        }
        return found;
    }

    private boolean cwdIn(ProcessHandle p) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).startsWith(dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // gone meanwhile, not ours to read, or no /proc
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("usercanary-git", ".log");
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            git.getOutputStream().close();
            if (!git.waitFor(GIT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + GIT_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (git.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + dir + " exited " + git.exitValue() + ": " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
