package dev.minibatch.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code train --live}: while the run trains, the page's state grows epoch by epoch; the last state it serves says
 * the run was written and where its report is, and its curves equal results.json's, number for number. Then, where
 * Chromium is installed, the page itself is loaded headless during a run and must have drawn epochs.
 */
class LivePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static CompletableFuture<Integer> train(Path out, int port, int epochs) {
        return CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "train", "configs/seed.yaml", "--out", out.toString(), "--epochs",
                String.valueOf(epochs), "--live", String.valueOf(port), "-q"));
    }

    private static JsonNode state(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/state.json")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static int epochsSeen(JsonNode s) {
        int n = 0;
        for (JsonNode t : s.path("trainers")) {
            n += t.path("epoch").size();
        }
        return n;
    }

    @Test
    void theStateGrowsWhileTrainingAndEndsAtTheResults() throws Exception {
        int port = freePort();
        Path out = dir.resolve("live");
        CompletableFuture<Integer> run = train(out, port, 300);
        JsonNode first = null;
        JsonNode last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!run.isDone() || state(port) != null) {
            JsonNode s = state(port);
            if (s != null) {
                first = first == null && epochsSeen(s) > 0 ? s : first;
                last = s;
            }
            assertTrue(System.nanoTime() < deadline, "the run did not end");
            Thread.sleep(20);
        }
        assertEquals(0, run.get());
        assertTrue(first != null && epochsSeen(first) < epochsSeen(last), "the curves grow while it trains");
        assertEquals("written", last.path("ended").asText(), last.toString());
        assertEquals(out.resolve("report.html").toAbsolutePath().toString(), last.path("report").asText());
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        for (String t : new String[] {"framework", "scratch"}) {
            JsonNode h = results.path("trainers").path(t).path("history");
            JsonNode live = last.path("trainers").path(t).path("train_loss");
            assertEquals(h.size(), live.size(), t);
            for (int e = 0; e < h.size(); e++) {
                assertEquals(h.get(e).path("train_loss").asDouble(), live.get(e).asDouble(), 0.0, t + " epoch " + e);
            }
        }
        assertEquals(0.0, last.path("max_abs_param_diff").asDouble(), 0.0, "the trainers agree at every epoch");
        assertEquals(results.path("trainers").path("scratch").path("weights").get(0).get(0).asDouble(),
                last.path("trainers").path("scratch").path("line").get(1).asDouble(), 0.0, "the fitted line's slope");
    }

    /** A sweep's page draws one curve per batch size and trainer, and does not call them an agreement. */
    @Test
    void aSweepsPageHasACurvePerBatchSize() throws Exception {
        int port = freePort();
        Path out = dir.resolve("sweep");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(
                new StringWriter()), new PrintWriter(new StringWriter()), "sweep", "configs/seed.yaml", "--out",
                out.toString(), "--epochs", "40", "--batch-sizes", "32,full", "--live", String.valueOf(port), "-q"));
        JsonNode last = null;
        while (!run.isDone() || state(port) != null) {
            JsonNode s = state(port);
            last = s != null ? s : last;
            Thread.sleep(20);
        }
        assertEquals(0, run.get());
        assertEquals(4, last.path("trainers").size(), last.toString());
        assertTrue(last.path("trainers").has("2/2 b=full scratch"), last.toString());
        assertTrue(!last.path("same_run").asBoolean() && last.path("max_abs_param_diff").isNull());
        assertEquals(out.resolve("sweep.html").toAbsolutePath().toString(), last.path("report").asText());
    }

    /** A port already taken is bad input: exit 2, one line naming the port, before anything trains. */
    @Test
    void aTakenPortIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            Path out = dir.resolve("taken");
            int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "train", "configs/seed.yaml",
                    "--out", out.toString(), "--epochs", "2", "--live", String.valueOf(taken.getLocalPort()), "-q");
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().contains("--live " + taken.getLocalPort() + ": cannot serve on 127.0.0.1:"),
                    err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(!Files.exists(out), "nothing written");
        }
    }

    @Test
    void theLoopbackPageDrawsTheRunInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is not installed here");
        int port = freePort();
        CompletableFuture<Integer> run = train(dir.resolve("page"), port, 600);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (state(port) == null || epochsSeen(state(port)) < 20) {
            assertTrue(System.nanoTime() < deadline, "no epochs served");
            Thread.sleep(50);
        }
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Process c = new ProcessBuilder("timeout", "90", "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=2000", "--dump-dom",
                "http://127.0.0.1:" + port + "/").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(c.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        c.waitFor(60, TimeUnit.SECONDS);
        run.get(120, TimeUnit.SECONDS);
        assertTrue(dom.contains("minibatch live: seed") && dom.contains("<polyline"), dom);
        assertTrue(dom.matches("(?s).*data-epochs=\"[1-9][0-9]*.*"), "the page drew epochs: " + dom.substring(0,
                Math.min(400, dom.length())));
    }
}
