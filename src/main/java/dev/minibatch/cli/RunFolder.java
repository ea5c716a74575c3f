package dev.minibatch.cli;

import dev.minibatch.config.ConfigTree;
import dev.minibatch.model.SavedModels;
import dev.minibatch.report.PythonReference;
import dev.minibatch.report.ResultsJson;
import dev.minibatch.report.RunReport;
import dev.minibatch.results.RunResults;
import dev.minibatch.run.RunResult;
import dev.minibatch.train.NdArrays;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes everything a finished run leaves in its output folder: results.json, the saved models, report.md,
 * report.html and the plots. Nothing is written before training has finished, and each file goes through a
 * temporary name, so a failed or interrupted run leaves no half-written file.
 */
final class RunFolder {
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
    static RunResults write(RunResult run, Path dir) throws IOException {
        RunResults tree = ResultsJson.tree(run,
                PythonReference.find(PythonReference.defaultFolder(), ConfigTree.of(run.config())));
        ResultsJson.write(tree, dir);
        TrainingResult framework = run.trainers().get(FrameworkTrainer.NAME);
        if (framework != null) {
            SavedModels.saveFramework(framework, run.config().training(), run.data().standardization(), dir);
        }
        TrainingResult scratch = run.trainers().get(ScratchTrainer.NAME);
        if (scratch != null) {
            SavedModels.saveScratch(scratch, NdArrays.dataType(run.config().training().precision()), dir);
        }
        RunReport.write(RunReport.build(tree), dir, "report");
        return tree;
    }
}
