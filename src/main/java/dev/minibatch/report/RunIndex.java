package dev.minibatch.report;

import dev.minibatch.results.ResultsFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.config.ConfigException;
import dev.minibatch.format.Numbers;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.results.RunResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs under a folder ({@code runs/}), one entry each: a training run (its data, model, optimizer, epochs,
 * test metric, agreement and duration, from its results.json), a sweep, a comparison, a diverged run's report, an
 * interrupted run (its checkpoints beside an absent folder), or a folder that is broken or not minibatch's, said
 * as such. Read only; nothing is written but the index page ({@link #html}).
 */
public final class RunIndex {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private RunIndex() {
    }

    /**
     * One folder of the index.
     *
     * @param name the folder's name.
     * @param kind run, sweep, compare, diverged, interrupted, or broken.
     * @param when when its main file was written (local time), or "" when unknown.
     * @param modified the same as milliseconds since the epoch, for sorting (0 when unknown).
     * @param data the data: source and rows.
     * @param model linear or the hidden layers.
     * @param optimizer the update rule and learning rate.
     * @param epochs the epochs trained.
     * @param metric the test metric, e.g. "MSE 431.569" or "acc 0.9600".
     * @param verdict the trainers' agreement, or what is wrong with the folder.
     * @param seconds the training time of all trainers, NaN when not a run.
     * @param page the folder's page, relative to the index ("seed/report.html"), or "" when none.
     */
    public record Entry(String name, String kind, String when, long modified, String data, String model,
                        String optimizer, String epochs, String metric, String verdict, double seconds, String page) {
    }

    /**
     * Lists a folder's runs, newest first.
     *
     * @param root the folder holding the runs.
     * @return the entries.
     * @throws ConfigException (exit 2) if the folder cannot be listed.
     */
    public static List<Entry> list(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new ConfigException(root + ": is a file; name the folder that holds the runs (e.g. runs)");
        }
        if (!Files.isDirectory(root)) {
            throw new ConfigException(root + ": no such folder (runs are written to runs/ by minibatch train)");
        }
        if (Files.exists(root.resolve(dev.minibatch.io.OutputFolder.MANIFEST))) {
            throw new ConfigException(root + ": is a run's own folder; name the folder that holds the runs (e.g. "
                    + (root.toAbsolutePath().getParent() == null ? "runs" : root.getParent() == null ? "."
                    : root.getParent().toString()) + ")");
        }
        List<Entry> out = new ArrayList<>();
        dev.minibatch.io.OutputFolder.repairAll(root, dev.minibatch.results.ResultsFile.FILE);
        try (Stream<Path> all = Files.list(root)) {
            for (Path p : all.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(".") && f.endsWith(".checkpoints") && Files.isDirectory(p)) {
                    String run = f.substring(1, f.length() - ".checkpoints".length());
                    if (!Files.exists(root.resolve(run))) {
                        out.add(interrupted(run, p));
                    }
                } else if (!f.startsWith(".") && Files.isDirectory(p)) {
                    out.add(entry(p));
                }
            }
        } catch (IOException e) {
            throw new ConfigException(root + ": cannot list (" + e.getMessage() + ")");
        }
        out.sort(Comparator.comparingLong(Entry::modified).reversed().thenComparing(Entry::name));
        return out;
    }

    private static Entry entry(Path dir) {
        String name = dir.getFileName().toString();
        if (Files.isRegularFile(dir.resolve(ResultsFile.FILE))) {
            try {
                return run(name, dir, ResultsFile.read(dir));
            } catch (ConfigException e) {
                String why = e.getMessage().replace(dir.resolve(ResultsFile.FILE) + ": ", "");
                // the reader's detail (where, why) cut: minibatch compare DIR shows it
                return broken(name, dir, "results.json " + why.replaceFirst("^is ", "").split(" \\(|;|:", 2)[0]);
            }
        }
        for (String[] kind : new String[][] {{"sweep.json", "sweep", "sweep.html"},
            {"compare.json", "compare", "compare.html"}, {"diverged.json", "diverged", "report.html"}}) {
            Path f = dir.resolve(kind[0]);
            if (Files.isRegularFile(f)) {
                JsonNode n;
                try {
                    n = ResultsMapper.JSON.readTree(f.toFile());
                } catch (IOException e) {
                    return broken(name, dir, kind[0] + " not valid JSON");
                }
                String verdict = switch (kind[1]) {
                    case "sweep" -> Numbers.count(n.path("rows").size(), "row") + (n.path("diverged").size() > 0
                            ? ", " + n.path("diverged").size() + " diverged" : "");
                    case "compare" -> String.join(" vs ", texts(n.path("runs")));
                    default -> n.path("trainer").asText("?") + " diverged in epoch "
                            + n.path("diverged_in_epoch").asText("?");
                };
                long t = modified(f);
                return new Entry(name, kind[1], when(t), t, "", "", "", "", "", verdict, Double.NaN,
                        Files.exists(dir.resolve(kind[2])) ? name + "/" + kind[2] : "");
            }
        }
        long inside = 0;
        try (Stream<Path> sub = Files.list(dir)) {        // a folder of runs (runs/cpu/seed, runs/cuda/seed)
            inside = sub.filter(q -> Files.isRegularFile(q.resolve(ResultsFile.FILE))
                    || Files.isRegularFile(q.resolve("sweep.json"))).count();
        } catch (IOException e) {
            inside = 0;
        }
        if (inside > 0) {
            long t = modified(dir);
            return new Entry(name, "folder", when(t), t, "", "", "", "", "", "holds " + Numbers.count(inside, "run")
                    + "; minibatch runs " + dir, Double.NaN, "");
        }
        return broken(name, dir, "not a run (no results.json)");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Entry run(String name, Path dir, RunResults r) {
        long t = modified(dir.resolve(ResultsFile.FILE));
        Map<String, Object> training = section(r.config(), "training");
        RunResults.Data d = r.data();
        String data = r.data().source() + " " + d.nTrain() + (d.nVal() == null ? "" : "/" + d.nVal()) + "/"
                + d.nTest();                                   // train[/validation]/test rows
        String model = CompareReport.model(r);
        String optimizer = r.optimizer() == null ? String.valueOf(training.get("optimizer"))
                : r.optimizer().name() + (r.optimizer().learningRate() == null ? ""
                : " " + Numbers.format(firstRate(r.optimizer().learningRate(), section(training, "lr_schedule")), 4)
                + schedule(section(training, "lr_schedule")));
        RunResults.Trainer shown = r.trainers().getOrDefault("scratch", r.trainers().values().iterator().next());
        int epochs = shown.history().isEmpty() ? 0 : shown.history().get(shown.history().size() - 1).epoch();
        String metric = shown.testAccuracy() != null ? "acc " + String.format(Locale.ROOT, "%.4f",
                shown.testAccuracy()) : "MSE " + Numbers.format(shown.testMse(), 6);
        Map<String, Object> spark = section(r.config(), "distributed");     // written only for a Spark run
        String verdict = (r.agreement() == null ? String.join(", ", r.trainers().keySet()) + " only"
                : r.agreement().agree() ? "agree" : "DISAGREE") + (spark.isEmpty() || spark.get("master") == null ? ""
                : " (on Spark " + spark.get("master") + ")");
        double seconds = r.trainers().values().stream().mapToDouble(RunResults.Trainer::trainSeconds).sum();
        return new Entry(name, "run", when(t), t, data, model, optimizer, String.valueOf(epochs), metric, verdict,
                seconds, Files.exists(dir.resolve("report.html")) ? name + "/report.html" : "");
    }

    private static Entry interrupted(String run, Path checkpoints) {
        long t = modified(checkpoints);
        return new Entry(run, "interrupted", when(t), t, "", "", "", "", "", "interrupted: checkpoints in "
                + checkpoints.getFileName() + "; " + dev.minibatch.format.Launcher.command() + " train --resume "
                + dev.minibatch.format.Launcher.quoted(checkpoints.resolveSibling(run)),
                Double.NaN, "");
    }

    private static Entry broken(String name, Path dir, String why) {
        long t = modified(dir);
        return new Entry(name, "broken", when(t), t, "", "", "", "", "", why, Double.NaN, "");
    }

    /** The first update's rate: a map schedule's rate at 0, else training.learning_rate. */
    private static double firstRate(double learningRate, Map<String, Object> schedule) {
        return "map".equals(schedule.get("type")) && section(schedule, "values").get("0") instanceof Number n
                ? n.doubleValue() : learningRate;
    }

    /** " (step)" for a learning-rate schedule, "" for none. */
    private static String schedule(Map<String, Object> schedule) {
        Object type = schedule.get("type");
        return type == null || "none".equals(type) ? "" : " (" + type + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> config, String key) {
        Object s = config == null ? null : config.get(key);
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static long modified(Path p) {
        try {
            FileTime t = Files.getLastModifiedTime(p);
            return t.toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String when(long millis) {
        return millis == 0 ? "" : WHEN.format(java.time.Instant.ofEpochMilli(millis));
    }

    /** The title every index page starts with: an index.html holding it is one minibatch wrote, and may replace. */
    public static final String TITLE = "<title>minibatch runs: ";

    /**
     * Says why DIR/index.html may not be written, or {@code null} when it may: it does not exist yet, or it is a
     * plain file minibatch wrote (a symbolic link, or a page of the user's, is left alone).
     *
     * @param index the page's path.
     * @return the reason, or {@code null}.
     */
    public static String whyNotWritten(Path index) {
        if (Files.isSymbolicLink(index)) {
            return index + " is a symbolic link: not followed, not replaced";
        }
        if (!Files.exists(index)) {
            return null;
        }
        try {
            if (Files.isRegularFile(index) && Files.size(index) < (16 << 20)
                    && Files.readString(index).contains(TITLE)) {
                return null;
            }
        } catch (IOException e) {
            return index + " cannot be read (" + e.getMessage() + "): not replaced";
        }
        return index + " is not a page minibatch wrote: not replaced";
    }

    /**
     * The index as one self-contained page: a table sortable by any column (click its header), each run linked to
     * its page, and two runs picked with the checkboxes give the command that compares them.
     *
     * @param root the folder the runs are in, as shown.
     * @param entries the runs.
     * @return the HTML.
     */
    public static String html(String root, List<Entry> entries) {
        StringBuilder rows = new StringBuilder();
        for (Entry e : entries) {
            String name = e.page().isEmpty() ? esc(e.name()) : "<a href=\"" + esc(href(e.page())) + "\">"
                    + esc(e.name()) + "</a>";
            String box = e.kind().equals("run") ? "<input type=\"checkbox\" value=\"" + esc(e.name()) + "\">" : "";
            rows.append("<tr class=\"").append(e.kind()).append("\"><td>").append(box).append("</td><td>")
                    .append(name).append("</td>");
            for (String c : List.of(e.kind(), e.when(), e.data(), e.model(), e.optimizer(), e.epochs(), e.metric(),
                    e.verdict())) {
                rows.append("<td>").append(esc(c)).append("</td>");
            }
            rows.append("<td data-sort=\"").append(Double.isNaN(e.seconds()) ? "" : e.seconds()).append("\">")
                    .append(Double.isNaN(e.seconds()) ? "" : Numbers.seconds(e.seconds())).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">%4$s%1$s</title>
                <style>
                body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
                th{background:#f3f3f3;cursor:pointer;user-select:none}th+th:after{content:" \\2195";color:#999}
                td:nth-child(2),td:nth-child(4){white-space:nowrap}
                tr.broken td,tr.interrupted td{color:#a33}tr.diverged td{color:#a60}
                #cmd{font-family:monospace;background:#f6f6f6;padding:6px 10px;margin:1em 0;display:inline-block}
                </style></head><body>
                <h1>minibatch runs: %1$s</h1>
                <p>%2$d folders, newest first. Click a column's header to sort by it; tick two runs to get the command
                that compares them.</p>
                <div id="cmd">tick two runs to compare them</div>
                <table id="runs"><thead><tr><th></th><th>name</th><th>kind</th><th>when</th><th>data (train/[val/]test)</th>
                <th>model</th><th>optimizer</th><th>epochs</th><th>test</th><th>trainers</th><th>training time</th>
                </tr></thead><tbody>
                %3$s</tbody></table>
                <script>
                const t=document.getElementById('runs'),b=t.tBodies[0];
                t.querySelectorAll('th').forEach((th,i)=>th.addEventListener('click',()=>{
                  const up=th.dataset.dir!=='up';th.dataset.dir=up?'up':'down';
                  const key=r=>{const c=r.cells[i];const s=c.dataset.sort;return s!==undefined&&s!==''?parseFloat(s):c.textContent;};
                  [...b.rows].sort((x,y)=>{const a=key(x),c=key(y);const r=(typeof a==='number'&&typeof c==='number')?a-c:String(a).localeCompare(String(c),undefined,{numeric:true});return up?r:-r;}).forEach(r=>b.appendChild(r));
                }));
                b.addEventListener('change',()=>{
                  const on=[...b.querySelectorAll('input:checked')].map(x=>x.value);
                  const q=p=>/^[A-Za-z0-9_.\\/+-]+$/.test(p)?p:"'"+p.replace(/'/g,"'\\\\''")+"'";
                  document.getElementById('cmd').textContent=on.length===2?%6$s+q(%5$s+'/'+on[0])+' '+q(%5$s+'/'+on[1])
                    :on.length>2?'tick two runs, not '+on.length:'tick two runs to compare them';
                });
                </script></body></html>
                """.formatted(esc(root), entries.size(), rows, TITLE, jsString(root),
                        jsString(dev.minibatch.format.Launcher.command() + " compare "));
    }

    /** A relative link with each path segment percent-encoded (#, ?, %, spaces in folder names). */
    private static String href(String page) {
        StringBuilder b = new StringBuilder();
        for (String seg : page.split("/")) {
            b.append(b.length() == 0 ? "" : "/").append(java.net.URLEncoder.encode(seg,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    /** A JavaScript string literal of a value. */
    private static String jsString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
    }

    private static String esc(String s) {
        return Doc.esc(s);
    }
}
