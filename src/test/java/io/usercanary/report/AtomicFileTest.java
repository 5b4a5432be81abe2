package io.usercanary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aReportGetsTheModeAnyNewFileGetsUnderThisUmask() throws Exception {
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path report = dir.resolve("report.xml");
        AtomicFile.write(report, "<testsuites/>\n");
        assertEquals(PosixFilePermissions.toString(plain), PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        assertTrue(Files.getPosixFilePermissions(report).contains(PosixFilePermission.OTHERS_READ),
                "readable by a CI agent running as another user (umask 022 here): " + plain);
    }

    @Test
    void aFileWithSecretsIsReadableByItsOwnerOnly() throws Exception {
        Path config = dir.resolve("demo.yaml");
        AtomicFile.writePrivate(config, "password: x\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoScratchFileBehind() throws Exception {
        Path report = dir.resolve("report.xml");
        Files.writeString(report, "old");
        AtomicFile.write(report, "new");
        assertEquals("new", Files.readString(report));
        assertEquals(List.of("report.xml"), names());
    }

    @Test
    void createsMissingDirectories() throws Exception {
        Path report = dir.resolve("reports/canary/report.xml");
        AtomicFile.checkWritable(report);
        assertFalse(Files.exists(report), "checking does not create the report");
        assertEquals(List.of(), Files.list(report.getParent()).toList(), "nor leaves its scratch file");
        AtomicFile.write(report, "x");
        assertEquals("x", Files.readString(report));
    }

    @Test
    void aPathUnderARegularFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.writeString(dir.resolve("afile"), "");
        Path report = dir.resolve("afile/report.xml");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.checkWritable(report));
        assertEquals(dir.resolve("afile") + " exists and is not a directory", AtomicFile.problem(e));
        assertThrows(IOException.class, () -> AtomicFile.write(report, "x"));
        assertEquals(List.of("afile"), names());
    }

    @Test
    void aDirectoryIsNotReplacedByAReport() throws Exception {
        Path target = Files.createDirectory(dir.resolve("report.xml"));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.checkWritable(target));
        assertEquals(target + ": is a directory", AtomicFile.problem(e));
        assertThrows(IOException.class, () -> AtomicFile.write(target, "x"));
        assertTrue(Files.isDirectory(target));
    }
}
