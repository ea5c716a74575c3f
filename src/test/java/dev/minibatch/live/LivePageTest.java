package dev.minibatch.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code train --live}: while the run trains, the page's state grows epoch by epoch; the last state it serves says
 * the run was written and where its report is, and its curves equal results.json's, number for number. Then, where
 * Chromium is installed, the page itself is loaded headless during a run and must have drawn epochs. The server
 * answers GET and HEAD only, to the loopback's names only, and a client that stalls does not block it.
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

    private static int port(LivePage page) {
        return URI.create(page.url()).getPort();
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Sends a request as written, Host and all, and returns the whole answer (the request closes). */
    private static String raw(int port, String request) throws Exception {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /** @return the header's value in a raw answer, or {@code null}. */
    private static String header(String answer, String name) {
        for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    /**
     * A classifier's loss panel holds its test loss beside its training loss (not the probabilities' squared error),
     * and its accuracy panel each split's accuracy; a regression's puts the half-MSE doubled beside the test MSE.
     */
    @Test
    void theLossPanelPutsEverySplitInTheTrainingLossConvention() throws Exception {
        dev.minibatch.train.Parameters p = new dev.minibatch.train.Parameters(new double[][] {{1}}, new double[] {0});
        try (LivePage page = LivePage.start(0, "panels", 2, 1, null, true)) {
            page.convention(dev.minibatch.config.Loss.CATEGORICAL_CROSSENTROPY, 3);
            page.epochDone("scratch", new dev.minibatch.train.EpochRecord(1, 0.9, 1.0, 0.25, p, 0.1, 0.95,
                    new dev.minibatch.train.EpochRecord.Classifier(1.1, 0.6, 0.55, 0.5)), 2);
            JsonNode t = JSON.readTree(page.state()).path("trainers").path("scratch");
            assertEquals(0.9, t.at("/loss/train/0").asDouble());
            assertEquals(0.95, t.at("/loss/val/0").asDouble());
            assertEquals(1.1, t.at("/loss/test/0").asDouble(), "the test loss, not the test MSE 0.25");
            assertEquals(0.5, t.at("/accuracy/test/0").asDouble());
            assertEquals(0.55, t.at("/accuracy/val/0").asDouble());
            assertEquals("categorical cross-entropy", JSON.readTree(page.state()).path("loss_name").asText());
        }
        try (LivePage page = LivePage.start(0, "panels", 2, 1, null, true)) {
            page.convention(dev.minibatch.config.Loss.HALF_MSE, 1);
            page.epochDone("scratch", new dev.minibatch.train.EpochRecord(1, 191.0, 200.0, 431.0, p, 0.1,
                    Double.NaN, null), 2);
            JsonNode t = JSON.readTree(page.state()).path("trainers").path("scratch");
            assertEquals(382.0, t.at("/loss/train/0").asDouble(), "the half-MSE doubled: an MSE beside the test's");
            assertEquals(431.0, t.at("/loss/test/0").asDouble());
            assertTrue(t.at("/loss/val/0").isNull(), "no validation split");
            assertTrue(t.path("accuracy").isMissingNode(), "a regression has no accuracy panel");
        }
    }

    /** A client that sends its request line and never ends its headers holds one thread, not the page. */
    @Test
    void aClientStalledInItsHeadersDoesNotBlockThePage() throws Exception {
        try (LivePage page = LivePage.start(0, "stalled", 1, 1, null, true);
             Socket stalled = connect(port(page))) {
            stalled.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            Thread.sleep(300);                  // the server has taken it up
            long t0 = System.nanoTime();
            assertNotNull(state(port(page)), "the page answers beside the stalled client");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
        }
    }

    /**
     * More stalled clients than the server has threads are dropped once the time to read a request's headers is
     * past, and the page answers again.
     */
    @Test
    void stalledClientsAreDroppedAfterTheRequestLimit() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (LivePage page = LivePage.start(0, "stalled", 1, 1, null, true)) {
            for (int i = 0; i < LivePage.THREADS + 1; i++) {
                Socket s = connect(port(page));
                stalled.add(s);
                s.getOutputStream().write("GET /state.json HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(
                        StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
            Thread.sleep(300);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LivePage.MAX_REQUEST_SECONDS + 4);
            while (state(port(page)) == null) {     // a poll queued behind them may be dropped with them: poll again
                assertTrue(System.nanoTime() < deadline, "the page never answered again");
                Thread.sleep(100);
            }
            for (Socket s : stalled) {
                try {
                    assertEquals(-1, s.getInputStream().read(), "the server closes a stalled client, unanswered");
                } catch (SocketException reset) {
                    // closed with its request unread: reset, also closed
                }
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /** GET and HEAD only: HEAD has GET's headers and no body; any other method is 405 with the methods allowed. */
    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        try (LivePage page = LivePage.start(0, "methods", 1, 1, null, true)) {
            int port = port(page);
            for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
                String a = raw(port, method + " /state.json HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                assertTrue(a.startsWith("HTTP/1.1 405 "), method + ": " + a);
                assertEquals("GET, HEAD", header(a, "Allow"), a);
            }
            String get = raw(port, get("/", "127.0.0.1:" + port));
            String head = raw(port, get("/", "127.0.0.1:" + port).replaceFirst("^GET", "HEAD"));
            assertTrue(get.startsWith("HTTP/1.1 200 ") && head.startsWith("HTTP/1.1 200 "), head);
            assertEquals(String.valueOf(body(get).getBytes(StandardCharsets.ISO_8859_1).length),
                    header(head, "Content-Length"), head);
            assertEquals(header(get, "Content-Type"), header(head, "Content-Type"));
            assertEquals("", body(head), "no body");
            String state = raw(port, get("/state.json", "localhost").replaceFirst("^GET", "HEAD"));
            assertTrue(state.startsWith("HTTP/1.1 200 "), state);
            assertEquals("application/json", header(state, "Content-Type"));
            assertEquals("", body(state));
        }
    }

    /** DNS rebinding: a Host that is not the loopback's is refused; no Host at all (HTTP/1.0) is answered. */
    @Test
    void onlyTheLoopbacksNamesAreAnswered() throws Exception {
        try (LivePage page = LivePage.start(0, "hosts", 1, 1, null, true)) {
            int port = port(page);
            for (String host : new String[] {"127.0.0.1", "127.0.0.1:" + port, "localhost", "LocalHost:" + port,
                "[::1]", "[::1]:" + port}) {
                String a = raw(port, get("/state.json", host));
                assertTrue(a.startsWith("HTTP/1.1 200 "), host + ": " + a);
                assertTrue(body(a).contains("\"name\":\"hosts\""), a);
            }
            for (String host : new String[] {"evil.example", "evil.example:" + port, "127.0.0.1.evil.example",
                "localhost.evil.example:" + port, "0.0.0.0:" + port, "192.168.1.1", "", "localhost:x"}) {
                String a = raw(port, get("/state.json", host));
                assertTrue(a.startsWith("HTTP/1.1 403 "), "'" + host + "': " + a);
                assertEquals("", body(a), "nothing of the run");
            }
            String two = raw(port, "GET /state.json HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(two.startsWith("HTTP/1.1 403 "), two);
            String http10 = raw(port, "GET /state.json HTTP/1.0\r\n\r\n");
            assertTrue(http10.startsWith("HTTP/1.1 200 "), http10);
        }
    }
}
