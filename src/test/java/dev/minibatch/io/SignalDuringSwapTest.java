package dev.minibatch.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C (SIGINT) and SIGTERM while an output folder is written or swapped in: the folder holds one run whole,
 * the old or the new one, and nothing is left beside it. Each case signals a small child JVM that only writes
 * output folders (so that many signals fit in a few seconds); {@code InterruptedRunTest} signals the real CLI.
 */
class SignalDuringSwapTest {
    @TempDir
    Path dir;

    private static final int FILES = 12;

    /**
     * The child: writes {@code --out} once per tag from FIRST to LAST, each run a results.json and FILES files
     * that all name the run's tag, written with a short pause between files so that signals land mid-write too.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int last = Integer.parseInt(args[2]);
        for (int tag = first; tag <= last; tag++) {
            int t = tag;
            try (OutputFolder f = OutputFolder.open(out, "--out", "results.json", true)) {
                f.publish(staging -> {
                    Files.writeString(staging.resolve("results.json"),
                            "{\"minibatch_version\": \"test\", \"tag\": " + t + "}");
                    for (int i = 0; i < FILES; i++) {
                        Files.writeString(staging.resolve("file-" + i + ".txt"), "tag " + t);
                        sleep(2);
                    }
                });
            }
            System.out.println("published " + tag);
            System.out.flush();
        }
        System.out.println("done");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process child(List<String> jvmOptions, Path out, int first, int last) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        cmd.add(SignalDuringSwapTest.class.getName());
        cmd.addAll(List.of(out.toString(), String.valueOf(first), String.valueOf(last)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void signal(Process p, String sig) throws Exception {
        sig = Signals.deliverable(sig);
        Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    private static String readUntil(BufferedReader r, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                break;
            }
        }
        return seen.toString();
    }

    private static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the child did not end in 60 s");
        }
        return p.exitValue();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The folder holds exactly one run's files, all of one tag, and nothing lies beside it: returns the tag. */
    private int wholeRun(Path out) throws IOException {
        assertEquals(List.of(out.getFileName().toString()), names(out.getParent()),
                "no staging folder, aside folder or lock left beside the run");
        Matcher m = Pattern.compile("\"tag\": (\\d+)").matcher(Files.readString(out.resolve("results.json")));
        assertTrue(m.find());
        int tag = Integer.parseInt(m.group(1));
        List<String> expected = new ArrayList<>(List.of(".minibatch", "results.json"));
        for (int i = 0; i < FILES; i++) {
            expected.add("file-" + i + ".txt");
            assertEquals("tag " + tag, Files.readString(out.resolve("file-" + i + ".txt")), "file " + i);
        }
        assertEquals(expected.stream().sorted().toList(), names(out));
        return tag;
    }

    @ParameterizedTest(name = "{0} at {1}: the folder holds the {2} run")
    @CsvSource({
            "INT,  staged,  old",
            "TERM, staged,  old",
            "INT,  aside,   new",
            "TERM, aside,   new",
            "INT,  swapped, new",
            "TERM, swapped, new",
    })
    void aSignalAtEachPhaseLeavesOneRunWhole(String sig, String phase, String which) throws Exception {
        Path out = dir.resolve("runs/seed");
        Process first = child(List.of(), out, 1, 1);
        assertEquals(0, exit(first), new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(1, wholeRun(out));

        Process p = child(List.of("-Dminibatch.test.pauseAt=" + phase + ":2000"), out, 2, 2);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String said = readUntil(r, "test pause " + phase);
        assertTrue(said.contains("test pause " + phase), said);
        signal(p, sig);
        int code = exit(p);
        assertEquals(Signals.exitCode(Signals.deliverable(sig)), code, "the JVM's exit code for the signal");
        assertEquals(which.equals("old") ? 1 : 2, wholeRun(out));
    }

    @Test
    void signalsAtRandomMomentsOfRepeatedSwapsNeverLeaveAHalfRun() throws Exception {
        Path out = dir.resolve("runs/seed");
        Random random = new Random(20261202);
        int tag = 1;
        for (int round = 0; round < 10; round++) {
            Process p = child(List.of(), out, tag, tag + 1000);
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String said = readUntil(r, "published " + tag);      // one run whole before the signal
            assertTrue(said.contains("published " + tag), said);
            sleep(random.nextInt(150));
            signal(p, random.nextBoolean() ? "INT" : "TERM");
            exit(p);
            int now = wholeRun(out);
            assertTrue(now >= tag, "the folder holds the last published run or a newer one: " + now);
            tag = now + 1;
        }
    }
}
