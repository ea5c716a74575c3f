package dev.minibatch.cli;

import dev.minibatch.report.RunIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code minibatch runs [DIR]}: the runs under runs/, in the terminal and as runs/index.html. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the runs under DIR, newest first: name, when, model, optimizer, epochs, test metric,"
                + " whether the trainers agree, training time; sweeps, comparisons, diverged and interrupted runs"
                + " and broken folders are listed as such. Also writes DIR/index.html: the same table, sortable,"
                + " each run linked to its report, and two runs picked give the command that compares them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:DIR is not a folder, or index.html cannot be written"})
final class RunsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "runs",
            description = "The folder holding the runs (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<RunIndex.Entry> entries = RunIndex.list(dir);
        int width = Terminal.width();
        String row = "%-16s %-11s %-12s %-8s %s%n";       // the page has every column; the terminal the main ones
        out.printf(Locale.ROOT, row, "name", "when", "test", "time", "trainers / state");
        for (RunIndex.Entry e : entries) {
            String line = String.format(Locale.ROOT, row, clip(e.name(), 16), e.when().isEmpty() ? ""
                    : e.when().substring(5), clip(e.metric(), 12),
                    Double.isNaN(e.seconds()) ? (e.kind().equals("interrupted") ? "stopped" : e.kind())
                            : dev.minibatch.format.Numbers.seconds(e.seconds()),
                    clip(e.verdict(), 200)).stripTrailing();
            out.println(line.length() <= width ? line : line.substring(0, width - 1) + "…");
        }
        Path index = dir.resolve("index.html");
        String why = RunIndex.whyNotWritten(index);
        if (why != null) {        // listed, but the page was asked for and not written: exit 2, as the help says
            out.println(Terminal.fit(dev.minibatch.format.Numbers.count(entries.size(), "folder")));
            out.flush();
            spec.commandLine().getErr().println(Terminal.fit("minibatch: error: runs: " + why + "; move it away (or"
                    + " name another DIR) to get the index"));
            return ExitCodes.BAD_INPUT;
        }
        dev.minibatch.io.AtomicFiles.writeNamed(index, RunIndex.html(dir.toString(), entries)
                .getBytes(StandardCharsets.UTF_8), "runs");
        out.println(Terminal.fit(dev.minibatch.format.Numbers.count(entries.size(), "folder") + "; wrote " + index
                + " (with data, model, optimizer and epochs; sortable, each run linked to its report)"));
        return ExitCodes.OK;
    }

    /** A folder's name as the terminal may show it: control characters (escape sequences, newlines) as '?'. */
    private static String clip(String s, int n) {
        String safe = s.codePoints().map(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return safe.length() <= n ? safe : safe.substring(0, n - 1) + "…";
    }
}
