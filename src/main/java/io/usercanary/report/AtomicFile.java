package io.usercanary.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes a file next to its target and moves it into place, so a reader never sees half of it. A report is
 * created with the process's default mode (0666 less the umask: 0644 under the usual 022), so a CI agent running
 * as another user can read it; a file holding secrets is written 0600.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private AtomicFile() {}

    /** Readable as the umask allows. */
    public static void write(Path target, String text) throws IOException {
        write(target, text, false);
    }

    /** Readable by the owner only (where the file system has POSIX permissions). */
    public static void writePrivate(Path target, String text) throws IOException {
        write(target, text, true);
    }

    /**
     * Fails as {@link #write} would, without touching {@code target}: its directory is created if missing and a
     * scratch file is made and removed there. For checking an output path before doing the work it reports on.
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = prepare(target);
        Path scratch = create(absolute, false);
        Files.delete(scratch);
    }

    /** "permission denied", "/a/file is not a directory": the reason an {@link IOException} of these methods gives. */
    public static String problem(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + fs.getReason().toLowerCase();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void write(Path target, String text, boolean ownerOnly) throws IOException {
        Path absolute = prepare(target);
        Path temp = create(absolute, ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path prepare(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            // A move with REPLACE_EXISTING would replace an empty directory.
            throw new FileSystemException(absolute.toString(), null, "is a directory");
        }
        Files.createDirectories(absolute.getParent());
        return absolute;
    }

    /** A new empty file beside {@code absolute}; without an explicit mode the OS applies the umask. */
    private static Path create(Path absolute, boolean ownerOnly) throws IOException {
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] mode = ownerOnly && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Files.newByteChannel(temp, CREATE, mode).close();
        return temp;
    }
}
