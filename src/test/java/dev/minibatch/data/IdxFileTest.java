package dev.minibatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minibatch.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files read as written, gzipped or not, and each kind of damage named in the file's terms. */
class IdxFileTest {
    @TempDir
    Path dir;

    @Test
    void plainAndGzippedFilesReadTheSameValuesAndALimitTakesTheFirstImages() throws IOException {
        Path plain = IdxFixtures.write(dir.resolve("plain"), 30, 12, false, 5);
        Path gz = IdxFixtures.write(dir.resolve("gz"), 30, 12, true, 5);
        IdxFile.Images a = IdxFile.images(plain.resolve("train-images-idx3-ubyte"), 0);
        IdxFile.Images b = IdxFile.images(gz.resolve("train-images-idx3-ubyte.gz"), 0);
        assertEquals(30, a.count());
        assertEquals(28, a.height());
        assertEquals(28, a.width());
        assertArrayEquals(a.pixels(), b.pixels());
        int[] labels = IdxFile.labels(gz.resolve("train-labels-idx1-ubyte.gz"), 0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Arrays.copyOf(labels, 10));
        IdxFile.Images first = IdxFile.images(gz.resolve("train-images-idx3-ubyte.gz"), 7);
        assertEquals(7, first.count());
        assertArrayEquals(Arrays.copyOf(a.pixels(), 7 * 784), first.pixels());
        assertEquals(30, IdxFile.count(plain.resolve("train-images-idx3-ubyte"), true));
        // the fixture's class shows: image 3's bright block is on rows 6 and 7
        assertTrue(a.pixel(3, 6 * 28 + 10) >= 200 && a.pixel(3, 2 * 28 + 10) < 60);
    }

    @Test
    void aWrongMagicNumberACutShortFileAndAMissingOneAreNamed() throws IOException {
        Path d = IdxFixtures.write(dir.resolve("d"), 20, 10, false, 1);
        Path labels = d.resolve("train-labels-idx1-ubyte");
        String wrong = assertThrows(ConfigException.class, () -> IdxFile.images(labels, 0)).getMessage();
        assertEquals(labels + ": not an IDX file of unsigned-byte images (0x00000803): its magic number is"
                + " 0x00000801", wrong);

        Path images = d.resolve("train-images-idx3-ubyte");
        byte[] all = Files.readAllBytes(images);
        Path cut = Files.write(dir.resolve("cut"), Arrays.copyOf(all, 16 + 784 * 5 + 100));
        assertEquals(cut + ": cut short: it holds 5 of the 20 images its header promises",
                assertThrows(ConfigException.class, () -> IdxFile.images(cut, 0)).getMessage());
        Path header = Files.write(dir.resolve("header"), Arrays.copyOf(all, 9));
        assertEquals(header + ": cut short: it ends inside its header",
                assertThrows(ConfigException.class, () -> IdxFile.images(header, 0)).getMessage());

        Path gz = IdxFixtures.write(dir.resolve("gz"), 20, 10, true, 1);
        byte[] zipped = Files.readAllBytes(gz.resolve("train-images-idx3-ubyte.gz"));
        Path cutGz = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(zipped, zipped.length / 2));
        String m = assertThrows(ConfigException.class, () -> IdxFile.images(cutGz, 0)).getMessage();
        assertTrue(m.startsWith(cutGz + ": cut short: it holds ") && m.endsWith(" of the 20 images its header"
                + " promises"), m);
        int held = Integer.parseInt(m.replaceAll(".*it holds (\\d+) of.*", "$1"));
        assertTrue(held >= 5, "the images before the cut are counted, one image at most lost: " + m);

        byte[] signed = all.clone();                 // a count past 2^31 − 1 is said as the header's unsigned value
        signed[4] = (byte) 0xff;
        signed[5] = (byte) 0xff;
        signed[6] = (byte) 0xff;
        signed[7] = (byte) 0xff;
        Path big = Files.write(dir.resolve("big"), signed);
        String bigMessage = assertThrows(ConfigException.class, () -> IdxFile.count(big, true)).getMessage();
        assertTrue(bigMessage.contains("its header says 4294967295 images"), bigMessage);

        Path none = dir.resolve("absent");
        assertEquals(none + ": no such file", assertThrows(ConfigException.class, () -> IdxFile.labels(none, 0))
                .getMessage());
    }
}
