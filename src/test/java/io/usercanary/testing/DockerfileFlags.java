package io.usercanary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM flags the image runs with: the Dockerfile's {@code ENV JDK_JAVA_OPTIONS="..."} line, read as scripts/measure-memory reads it. */
public final class DockerfileFlags {
    private static final Pattern LINE = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"(.*)\"$");

    private DockerfileFlags() {}

    public static List<String> jvmFlags() {
        try {
            Matcher m = LINE.matcher(Files.readString(Path.of("Dockerfile")));
            if (!m.find()) {
                throw new IllegalStateException("Dockerfile has no ENV JDK_JAVA_OPTIONS=\"...\" line");
            }
            return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
