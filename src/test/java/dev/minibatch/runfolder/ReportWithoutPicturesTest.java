package dev.minibatch.runfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine whose Java2D cannot draw (no fonts, no text libraries) still gets the run's numbers: the report is
 * written without pictures and says why, and the terminal warns.
 */
class ReportWithoutPicturesTest {
    @TempDir
    Path dir;

    @Test
    void aChartThatCannotBeDrawnCostsOnlyThePictures() throws Exception {
        ByteArrayOutputStream warned = new ByteArrayOutputStream();
        boolean full = RunFolder.writeReport(() -> {
            throw new InternalError("No physical fonts found");
        }, dir, new PrintStream(warned, true, StandardCharsets.UTF_8));
        assertFalse(full);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("could not be drawn on this machine (InternalError: No physical fonts found)"), md);
        assertTrue(Files.exists(dir.resolve("report.html")));
        assertTrue(warned.toString(StandardCharsets.UTF_8).contains("results.json holds every number"));

        ByteArrayOutputStream linkage = new ByteArrayOutputStream();
        assertFalse(RunFolder.writeReport(() -> {
            throw new UnsatisfiedLinkError("libfreetype.so.6: cannot open shared object file");
        }, dir, new PrintStream(linkage, true, StandardCharsets.UTF_8)));
        assertTrue(linkage.toString(StandardCharsets.UTF_8).contains("UnsatisfiedLinkError"));

        // as a JDK without fontconfig fails (found by scripts/rehearse-device): the first cause is named
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        assertFalse(RunFolder.writeReport(() -> {
            throw new InternalError(new java.lang.reflect.InvocationTargetException(new RuntimeException(
                    "Fontconfig head is null, check your fonts or fonts configuration")));
        }, dir, new PrintStream(wrapped, true, StandardCharsets.UTF_8)));
        assertTrue(wrapped.toString(StandardCharsets.UTF_8).contains("(RuntimeException: Fontconfig head is null,"
                + " check your fonts or fonts configuration)"), wrapped.toString(StandardCharsets.UTF_8));
    }
}
