package dev.minibatch.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.minibatch.config.ConfigException;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code train --live}: serves {@code http://127.0.0.1:PORT/} while the run trains. The page (a resource, no
 * external assets, so it works offline) polls {@code /state.json}, which this listener keeps: per trainer its
 * epochs' training loss, test MSE and validation loss, its latest parameters, and for a one-feature linear model the
 * test points its fitted line is drawn over; the largest parameter difference between the trainers so far; the
 * time left; and, once the run is written, where its report is. Only the loopback interface is bound: the page is
 * not reachable from another machine.
 *
 * <p>The server is hardened for a page anything on the machine can reach. It answers GET and HEAD only (HEAD: the
 * headers GET would send, with no body; any other method: 405 with {@code Allow: GET, HEAD}). It refuses (403) a
 * request whose Host is not 127.0.0.1, [::1] or localhost, with or without a port (any port, so that a forwarded
 * port works too), so that a web page whose name is rebound to 127.0.0.1 cannot read the run (DNS rebinding); a
 * request with no Host (HTTP/1.0) passes. It serves on four daemon threads, so that a client stalled in the middle
 * of its request holds one of them, not the page; and before the JDK's first server is created it sets, unless the
 * JVM was given them, the JDK's limits of 5 seconds to read a request's headers and 10 to send a response
 * ({@code sun.net.httpserver.maxReqTime} and {@code maxRspTime}, read once per JVM), past which the connection is
 * dropped.
 */
public final class LivePage implements EpochListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The threads that serve requests. */
    static final int THREADS = 4;
    /** The seconds a client has to send a request's line and headers, once it has begun. */
    static final int MAX_REQUEST_SECONDS = 5;
    /** The seconds a response has to be sent. */
    static final int MAX_RESPONSE_SECONDS = 10;
    /** The names of the loopback a request's Host may give, with or without a port. */
    private static final java.util.regex.Pattern LOOPBACK_HOST = java.util.regex.Pattern.compile(
            "(127\\.0\\.0\\.1|localhost|\\[::1])(:[0-9]{1,5})?", java.util.regex.Pattern.CASE_INSENSITIVE);
    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Trainer> trainers = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private final String name;
    private final int epochs;
    private final int nTrainers;
    private final double[][] points;
    private final boolean sameRun;
    private double maxDiff = Double.NaN;
    private String report;
    private String ended;
    /** The loss the page's loss panel draws, and the factor from the training loss to it (NaN: a classifier's own). */
    private String lossName = "loss";
    private double toMse = Double.NaN;

    /** One trainer's curves so far. */
    private static final class Trainer {
        final List<Integer> epoch = new ArrayList<>();
        final List<Double> loss = new ArrayList<>();
        final List<Double> test = new ArrayList<>();
        final List<Double> val = new ArrayList<>();
        final List<Parameters> params = new ArrayList<>();
        // the loss panel's three curves in one convention, and a classifier's accuracies
        final List<Double> trainShown = new ArrayList<>();
        final List<Double> valShown = new ArrayList<>();
        final List<Double> testShown = new ArrayList<>();
        final List<Double> trainAcc = new ArrayList<>();
        final List<Double> valAcc = new ArrayList<>();
        final List<Double> testAcc = new ArrayList<>();
    }

    /**
     * Says which loss the run trains, so that the loss panel puts the training, validation and test losses in one
     * convention: a regression's as MSEs (the half-MSE doubled, as the terminal shows it), a classifier's as its
     * cross-entropy (the test loss beside the training loss, not the probabilities' squared error).
     *
     * @param loss the training loss.
     * @param targets the targets (the half-MSE's factor).
     * @return this page.
     */
    public synchronized LivePage convention(dev.minibatch.config.Loss loss, int targets) {
        toMse = loss.toMse(targets);
        lossName = loss.isClassification() ? loss.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                .replace("crossentropy", "cross-entropy") : "MSE";
        return this;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private LivePage(HttpServer server, ExecutorService pool, String name, int epochs, int nTrainers,
                     double[][] points, boolean sameRun) {
        this.sameRun = sameRun;
        this.server = server;
        this.pool = pool;
        this.name = name;
        this.epochs = epochs;
        this.nTrainers = nTrainers;
        this.points = points;
    }

    /**
     * Starts the server.
     *
     * @param port the port, from 1 to 65535, or 0 for a free one.
     * @param name the run's name.
     * @param epochs the epochs each trainer runs.
     * @param nTrainers how many trainers run.
     * @param testHead the first test rows {features, targets}, drawn with the fitted line for one feature and one
     *     target; {@code null} otherwise.
     * @param sameRun whether the curves are the trainers of one run, whose parameter difference is their agreement
     *     (a sweep's curves are different batch sizes: not compared).
     * @return the page, serving.
     * @throws ConfigException (exit 2) if the port cannot be bound.
     */
    public static LivePage start(int port, String name, int epochs, int nTrainers, double[][][] testHead,
                                 boolean sameRun) {
        // read by the JDK once, when its first server is created: set before, unless the JVM was given them
        setIfUnset("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfUnset("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new ConfigException("--live " + port + ": cannot serve on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another port, or --live 0 for a free one");
        }
        double[][] points = null;
        if (testHead != null && testHead[0].length > 0 && testHead[0][0].length == 1 && testHead[1][0].length == 1) {
            points = new double[testHead[0].length][];
            for (int i = 0; i < points.length; i++) {
                points[i] = new double[] {testHead[0][i][0], testHead[1][i][0]};
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "minibatch-live");
            t.setDaemon(true);
            return t;
        });
        LivePage page = new LivePage(s, pool, name, epochs, nTrainers, points, sameRun);
        s.createContext("/", page::serve);
        s.setExecutor(pool);
        s.start();
        return page;
    }

    private static void setIfUnset(String property, int seconds) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(seconds));
        }
    }

    /**
     * Whether a request's Host headers name the loopback: none (HTTP/1.0), or one that is 127.0.0.1, [::1] or
     * localhost, with or without a port.
     *
     * @param host the request's Host values, or {@code null} if it has none.
     * @return whether the request may be answered.
     */
    static boolean loopbackHost(List<String> host) {
        return host == null || host.isEmpty() || host.size() == 1 && LOOPBACK_HOST.matcher(host.get(0).strip())
                .matches();
    }

    /** @return the page's address, e.g. {@code http://127.0.0.1:41723/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public synchronized void epochDone(String trainer, EpochRecord r, int total) {
        Trainer t = trainers.computeIfAbsent(trainer, k -> new Trainer());
        t.epoch.add(r.epoch());
        t.loss.add(r.trainLoss());
        t.test.add(r.testMse());
        t.val.add(r.hasValidation() ? r.valLoss() : null);
        t.params.add(r.parameters());
        EpochRecord.Classifier c = r.classifier();
        boolean mse = !Double.isNaN(toMse) && c == null;
        t.trainShown.add(finite(mse ? r.trainLoss() * toMse : r.trainLoss()));
        t.valShown.add(r.hasValidation() ? finite(mse ? r.valLoss() * toMse : r.valLoss()) : null);
        t.testShown.add(finite(c != null ? c.testLoss() : r.testMse()));
        t.trainAcc.add(c == null ? null : finite(c.trainAccuracy()));
        t.valAcc.add(c == null ? null : finite(c.valAccuracy()));
        t.testAcc.add(c == null ? null : finite(c.testAccuracy()));
        if (sameRun && trainers.size() > 1) {          // the agreement so far, over the epochs both have run
            List<Trainer> all = new ArrayList<>(trainers.values());
            Trainer a = all.get(0);
            for (Trainer b : all.subList(1, all.size())) {
                int i = b.params.size() - 1;
                if (i < a.params.size()) {
                    double d = a.params.get(i).maxAbsDiff(b.params.get(i));
                    maxDiff = Double.isNaN(maxDiff) ? d : Math.max(maxDiff, d);
                }
            }
        }
    }

    /**
     * Says the run is over: where its report is, or why it stopped. The page keeps its last state and shows this.
     *
     * @param reportPath the report's path, or {@code null}.
     * @param why how the run ended, e.g. "written" or the divergence message.
     */
    public synchronized void finished(String reportPath, String why) {
        this.report = reportPath;
        this.ended = why;
    }

    /** @return the state the page draws, as JSON. */
    synchronized byte[] state() throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("epochs", epochs);
        s.put("trainers_total", nTrainers);
        s.put("same_run", sameRun);
        int done = 0;
        Map<String, Object> ts = new LinkedHashMap<>();
        for (Map.Entry<String, Trainer> e : trainers.entrySet()) {
            Trainer t = e.getValue();
            done += t.epoch.size();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", t.epoch);
            m.put("train_loss", t.loss);
            m.put("test_mse", t.test);
            m.put("val_loss", t.val.stream().allMatch(java.util.Objects::isNull) ? List.of() : t.val);
            m.put("loss", Map.of("train", t.trainShown, "val", t.valShown, "test", t.testShown));
            if (t.testAcc.stream().anyMatch(java.util.Objects::nonNull)) {
                m.put("accuracy", Map.of("train", t.trainAcc, "val", t.valAcc, "test", t.testAcc));
            }
            Parameters p = t.params.isEmpty() ? null : t.params.get(t.params.size() - 1);
            if (p != null && p.isLinear() && p.nFeatures() == 1 && p.nTargets() == 1) {
                m.put("line", new double[] {p.bias()[0], p.weights()[0][0]});
            }
            ts.put(e.getKey(), m);
        }
        s.put("trainers", ts);
        s.put("loss_name", lossName);
        s.put("max_abs_param_diff", Double.isNaN(maxDiff) ? null : maxDiff);
        double elapsed = (System.nanoTime() - started) / 1e9;
        int all = epochs * nTrainers;
        s.put("elapsed_s", elapsed);
        s.put("left_s", done == 0 || ended != null ? null : elapsed * (all - done) / done);
        s.put("points", points);
        s.put("report", report);
        s.put("ended", ended);
        return JSON.writeValueAsBytes(s);
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            if (!loopbackHost(x.getRequestHeaders().get("Host"))) {    // DNS rebinding: another site's name
                x.sendResponseHeaders(403, -1);
                return;
            }
            boolean head = x.getRequestMethod().equals("HEAD");
            if (!head && !x.getRequestMethod().equals("GET")) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                x.sendResponseHeaders(405, -1);
                return;
            }
            String path = x.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.equals("/state.json")) {
                body = state();
                type = "application/json";
            } else if (path.equals("/")) {
                try (InputStream in = LivePage.class.getResourceAsStream("live.html")) {
                    body = in.readAllBytes();
                }
                type = "text/html; charset=utf-8";
            } else {
                x.sendResponseHeaders(404, -1);
                return;
            }
            x.getResponseHeaders().set("Content-Type", type);
            x.getResponseHeaders().set("Cache-Control", "no-store");
            if (head) {          // the JDK sends no body for HEAD, and the length only if it is set here
                x.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
                x.sendResponseHeaders(200, -1);
                return;
            }
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Stops serving after the page's next poll (half a second), so that a page left open shows how the run ended;
     * it then keeps what it drew last.
     */
    public void closeSoon() {
        closeAfter(600);
    }

    /**
     * Ends the page once the run is over: from a terminal the page stays up, with the run's final state, until the
     * user presses Ctrl-C — which then ends the wait alone, so the command still exits with the run's own code (0,
     * or 1 for a disagreement) — and elsewhere (a script, a pipe, the tests) it closes half a second later, as
     * {@link #closeSoon()} does.
     *
     * @param out where to say that the page stays up.
     */
    public void closeWhenDone(java.io.PrintWriter out) {
        if (System.console() == null) {
            closeSoon();
            return;
        }
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        sun.misc.SignalHandler before = sun.misc.Signal.handle(interrupt, signal -> stop.countDown());
        out.println("live: the run is over; " + url() + " stays up until Ctrl-C");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sun.misc.Signal.handle(interrupt, before);
            close();
        }
    }

    private void closeAfter(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Stops serving, and its threads; a page still open keeps what it drew last. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
