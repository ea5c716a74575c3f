package dev.minibatch.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's library example is this package's {@link LibraryExample}, and it runs. */
class LibraryExampleTest {
    @Test
    void theReadmeShowsTheExampleThatRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/minibatch/examples/LibraryExample.java"));
        String body = source.substring(source.indexOf("import dev.minibatch.config.ConfigLoader;"));
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(body.strip()), "README.md's library example differs from LibraryExample.java");

        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            LibraryExample.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("framework: W = [[") && printed.contains("scratch: W = [["), printed);
        assertTrue(printed.contains("trainers agree: max |Δθ| = 0 (tolerance 0)"), printed);
    }
}
