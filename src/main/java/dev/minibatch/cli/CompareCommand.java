package dev.minibatch.cli;

import dev.minibatch.io.AtomicFiles;
import dev.minibatch.results.CompareResults;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.report.CompareReport;
import dev.minibatch.report.Doc;
import dev.minibatch.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code minibatch compare RUN_DIR RUN_DIR...}: one report across finished runs of the same data. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare finished runs of the same data (e.g. float vs double, CPU vs CUDA, two learning"
                + " rates): parameters, losses and curves side by side, the largest differences named. Writes"
                + " compare.json, compare.md and compare.html.")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "Folders written by train.")
    private List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: runs/compare, or a numbered sibling if it exists).")
    private Path out;

    @Option(names = "--force", description = "Replace the output folder if it holds an earlier comparison.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        Logging.configure(false);
        List<CompareReport.Run> loaded = CompareReport.load(runs);
        Map.Entry<CompareResults, Doc> built = CompareReport.build(loaded);
        Path dir = out != null ? out : Path.of("runs", "compare");
        try (OutputFolder folder = OutputFolder.open(dir, "--out", "compare.json", force)) {
            folder.renamed().ifPresent(spec.commandLine().getOut()::println);
            folder.publish(staging -> {
                AtomicFiles.write(staging.resolve("compare.json"), ResultsMapper.JSON.writeValueAsBytes(built.getKey()));
                RunReport.write(built.getValue(), staging, "compare");
            });
            spec.commandLine().getOut().println(Terminal.fit(CompareReport.differingSettingsLine(loaded)));
            spec.commandLine().getOut().println("largest difference: " + built.getKey().largestDifference());
            spec.commandLine().getOut().println("wrote " + folder.display().resolve("compare.html"));
        }
        return ExitCodes.OK;
    }
}
