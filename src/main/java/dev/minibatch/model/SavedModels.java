package dev.minibatch.model;

import dev.minibatch.config.TrainingConfig;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.train.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads a run's models.
 *
 * <ul>
 *   <li>{@value #FRAMEWORK_FILE}: the framework trainer's {@link MultiLayerNetwork} (configuration and final
 *       parameters), written by DL4J's {@link ModelSerializer}; load it with
 *       {@code MultiLayerNetwork.load(file, false)}.</li>
 *   <li>{@value #SCRATCH_WEIGHTS} and {@value #SCRATCH_BIAS}: the scratch trainer's W (n_features × n_targets) and
 *       b (1 × n_targets) in the run's data type, as NumPy {@code .npy} files ({@code np.load} reads them).</li>
 * </ul>
 */
public final class SavedModels {
    /** The framework model's file name. */
    public static final String FRAMEWORK_FILE = "framework-model.zip";
    /** The scratch weights' file name. */
    public static final String SCRATCH_WEIGHTS = "scratch-weights.npy";
    /** The scratch bias' file name. */
    public static final String SCRATCH_BIAS = "scratch-bias.npy";

    private SavedModels() {
    }

    /**
     * Saves the framework trainer's network with its final parameters.
     *
     * @param result the framework run.
     * @param settings the run's training settings (they define the network).
     * @param dir the output folder.
     * @throws IOException if the file cannot be written.
     */
    public static void saveFramework(TrainingResult result, TrainingConfig settings, Path dir) throws IOException {
        Parameters p = result.fin();
        MultiLayerNetwork net = FrameworkTrainer.network(p.nFeatures(), p.nTargets(), settings);
        FrameworkTrainer.setParameters(net, p, NdArrays.dataType(settings.precision()));
        AtomicFiles.write(dir.resolve(FRAMEWORK_FILE), f -> ModelSerializer.writeModel(net, f.toFile(), false));
    }

    /**
     * Saves the scratch trainer's final parameters as .npy files.
     *
     * @param result the scratch run.
     * @param type the run's data type.
     * @param dir the output folder.
     * @throws IOException if a file cannot be written.
     */
    public static void saveScratch(TrainingResult result, DataType type, Path dir) throws IOException {
        writeNpy(NdArrays.matrix(result.fin().weights(), type), dir.resolve(SCRATCH_WEIGHTS));
        writeNpy(NdArrays.row(result.fin().bias(), type), dir.resolve(SCRATCH_BIAS));
    }

    private static void writeNpy(INDArray a, Path target) throws IOException {
        AtomicFiles.write(target, f -> Nd4j.writeAsNumpy(a, f.toFile()));
    }

    /**
     * Loads the framework network of a run folder.
     *
     * @param dir the run folder.
     * @return the network.
     * @throws IOException if the file is missing or unreadable.
     */
    public static MultiLayerNetwork loadFramework(Path dir) throws IOException {
        return MultiLayerNetwork.load(dir.resolve(FRAMEWORK_FILE).toFile(), false);
    }

    /**
     * Loads the scratch parameters of a run folder.
     *
     * @param dir the run folder.
     * @return W and b, as ND4J arrays of the run's data type.
     * @throws IOException if a file is missing.
     */
    public static INDArray[] loadScratch(Path dir) throws IOException {
        for (String f : new String[] {SCRATCH_WEIGHTS, SCRATCH_BIAS}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IOException(dir.resolve(f) + " does not exist");
            }
        }
        return new INDArray[] {Nd4j.createFromNpyFile(dir.resolve(SCRATCH_WEIGHTS).toFile()),
            Nd4j.createFromNpyFile(dir.resolve(SCRATCH_BIAS).toFile())};
    }

    /**
     * Predicts with the scratch parameters: x·W + b.
     *
     * @param wb W and b as loaded.
     * @param x the rows, in W's data type.
     * @return the predictions.
     */
    public static INDArray predictScratch(INDArray[] wb, INDArray x) {
        return x.castTo(wb[0].dataType()).mmul(wb[0]).addiRowVector(wb[1]);
    }

    /**
     * Returns the names of the trainers whose models a run folder holds.
     *
     * @param dir the run folder.
     * @param trainer the trainer asked for.
     * @return whether that trainer's model files exist.
     */
    public static boolean has(Path dir, String trainer) {
        return trainer.equals(ScratchTrainer.NAME) ? Files.isRegularFile(dir.resolve(SCRATCH_WEIGHTS))
                : Files.isRegularFile(dir.resolve(FRAMEWORK_FILE));
    }
}
