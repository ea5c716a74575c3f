package dev.minibatch.runfolder;

import dev.minibatch.results.ResultsFile;
import dev.minibatch.config.ConfigTree;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.Setting;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.report.DivergedReport;
import dev.minibatch.train.DivergenceException;
import dev.minibatch.model.SavedModels;
import dev.minibatch.report.PythonReference;
import dev.minibatch.report.RunResultsBuilder;
import dev.minibatch.report.RunReport;
import dev.minibatch.results.RunResults;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes everything a run leaves in its output folder: results.json, the saved models, report.md, report.html and
 * the plots of a finished run, or the {@code NAME-diverged} folder beside it when a trainer diverged. Nothing is
 * written before training has finished; each file goes through a temporary name and the folder is swapped in whole
 * ({@link OutputFolder}), so a failed or interrupted run leaves no half-written file. The command line and a
 * program using minibatch as a library write the same folder.
 */
public final class RunFolder {
    private RunFolder() {
    }

    /**
     * Writes the run's outputs.
     *
     * @param run the finished run.
     * @param dir the output folder (created if needed).
     * @return the results that were written.
     * @throws IOException if a file cannot be written.
     */
    public static RunResults write(RunOutcome run, Path dir) throws IOException {
        RunResults tree = RunResultsBuilder.build(run,
                PythonReference.find(PythonReference.defaultFolder(), ConfigTree.of(run.config())));
        ResultsFile.write(tree, dir);
        TrainingResult framework = run.trainers().get(FrameworkTrainer.NAME);
        if (framework != null) {
            SavedModels.saveFramework(framework, run.config().training(), run.data().standardization(), dir);
        }
        TrainingResult scratch = run.trainers().get(ScratchTrainer.NAME);
        if (scratch != null) {
            SavedModels.saveScratch(scratch, NdArrays.dataType(run.config().training().precision()), dir);
        }
        writeReport(() -> RunReport.build(tree), dir, System.err);
        return tree;
    }

    /**
     * Writes the report; when its pictures cannot be drawn (a machine without the text libraries or fonts Java2D
     * needs: an UnsatisfiedLinkError, "No physical fonts found"), writes a report without them that says why, so that
     * the run's numbers, already in results.json, are never lost to a picture.
     *
     * @param build builds the report (drawing its charts).
     * @param dir the run folder being written.
     * @param warn where to say that the pictures are missing.
     * @return whether the full report was written.
     * @throws IOException if a file cannot be written.
     */
    public static boolean writeReport(java.util.function.Supplier<dev.minibatch.report.Doc> build, Path dir,
                               java.io.PrintStream warn) throws IOException {
        dev.minibatch.report.Doc doc;
        try {
            doc = build.get();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) {   // Java2D's "Probable fatal error: No fonts found" is a plain Error
            Throwable root = e;     // the first cause says it: "Fontconfig head is null, check your fonts ..."
            for (int depth = 0; depth < 16 && root.getCause() != null && root.getCause() != root; depth++) {
                root = root.getCause();
            }
            String why = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()
                    .lines().findFirst().orElse(""));
            doc = new dev.minibatch.report.Doc("minibatch run: report without pictures");
            doc.paragraph("The report's charts could not be drawn on this machine (" + why + "). Every number of the"
                    + " run is in results.json beside this page; '" + dev.minibatch.format.Launcher.command() + " compare' and a machine with fonts can draw"
                    + " them.");
            warn.println("minibatch: warning: the report's pictures could not be drawn (" + why + "); results.json"
                    + " holds every number");
            RunReport.write(doc, dir, "report");
            return false;
        }
        RunReport.write(doc, dir, "report");
        return true;
    }

    /**
     * Writes a diverged run's report ({@link DivergedReport}: the curve up to the divergence, and what may have caused
     * it) into the folder beside the run's, {@code NAME-diverged}, and says where in the exception's message. A
     * report that cannot be written is said instead: the divergence is the news.
     *
     * @param e the divergence.
     * @param cfg the run's configuration.
     * @param dir the run's own folder (left as it was).
     * @return the divergence, its message extended.
     */
    public static DivergenceException writeDiverged(DivergenceException e, RunConfig cfg, Path dir) {
        Path sibling = dir.toAbsolutePath().normalize().resolveSibling(dir.toAbsolutePath().normalize()
                .getFileName() + OutputFolder.DIVERGED_SUFFIX);
        try (OutputFolder folder = OutputFolder.open(sibling, "--out", DivergedReport.FILE, true)) {
            folder.publish(staging -> DivergedReport.write(e, cfg, staging));
            boolean curve = e.histories().values().stream().anyMatch(h -> !h.isEmpty());
            return e.withMore((curve ? "; the curve up to the divergence: " : "; its report: ")
                    + folder.display().resolve("report.html"));
        } catch (RuntimeException unwritable) {
            return e.withMore("; its report could not be written (" + Setting.firstLine(unwritable.getMessage(),
                    unwritable.getClass().getSimpleName()) + ")");
        }
    }
}
