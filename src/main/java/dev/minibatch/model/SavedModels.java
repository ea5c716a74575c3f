package dev.minibatch.model;

import dev.minibatch.config.TrainingConfig;
import dev.minibatch.config.LayerSpec;
import dev.minibatch.train.activation.ActivationFunction;
import dev.minibatch.config.ConfigException;
import dev.minibatch.data.Standardization;
import dev.minibatch.io.AtomicFiles;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
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
 *       b (1 × n_targets) in the run's data type, as NumPy {@code .npy} files ({@code np.load} reads them). A
 *       network's layers are saved one pair per layer, input to output: {@code scratch-weights-1.npy},
 *       {@code scratch-bias-1.npy}, …, the last pair being the output layer's.</li>
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
     * The file is plain DL4J: its loss is one of DL4J's own ({@link FrameworkTrainer#portableNetwork}), and a
     * standardised run carries its feature statistics as DL4J's {@link NormalizerStandardize}
     * ({@code ModelSerializer.restoreNormalizerFromFile}), so a DL4J program predicts what {@code minibatch predict}
     * does.
     *
     * @param result the framework run.
     * @param settings the run's training settings (they define the network).
     * @param standardization the feature statistics the run was trained on, or {@code null}.
     * @param dir the output folder.
     * @throws IOException if the file cannot be written.
     */
    public static void saveFramework(TrainingResult result, TrainingConfig settings,
                                     Standardization standardization, Path dir) throws IOException {
        Parameters p = result.fin();
        MultiLayerNetwork net = FrameworkTrainer.portableNetwork(p.nFeatures(), p.nTargets(), settings);
        FrameworkTrainer.setParameters(net, p, NdArrays.dataType(settings.precision()));
        AtomicFiles.write(dir.resolve(FRAMEWORK_FILE), f -> {
            ModelSerializer.writeModel(net, f.toFile(), false);
            if (standardization != null) {
                ModelSerializer.addNormalizerToModel(f.toFile(), normalizer(standardization));
            }
        });
    }

    /**
     * Expresses the run's standardisation as DL4J's normalizer: z = (x − mean) / std. DL4J divides by
     * max(std, 1e-5); a scale that small is refused when the run trains (a constant column), so the two agree.
     *
     * @param s the statistics.
     * @return the fitted normalizer, in double precision.
     */
    public static NormalizerStandardize normalizer(Standardization s) {
        return new NormalizerStandardize(Nd4j.createFromArray(new double[][] {s.mean()}),
                Nd4j.createFromArray(new double[][] {s.scale()}));
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
        java.util.List<Parameters.Layer> layers = result.fin().layers();
        for (int l = 0; l < layers.size(); l++) {
            writeNpy(NdArrays.matrix(layers.get(l).weights(), type), dir.resolve(weightsFile(l, layers.size())));
            writeNpy(NdArrays.row(layers.get(l).bias(), type), dir.resolve(biasFile(l, layers.size())));
        }
    }

    /** The weights file of layer l (from 0) of n: today's name for the linear model, numbered for a network. */
    private static String weightsFile(int l, int n) {
        return n == 1 ? SCRATCH_WEIGHTS : "scratch-weights-" + (l + 1) + ".npy";
    }

    private static String biasFile(int l, int n) {
        return n == 1 ? SCRATCH_BIAS : "scratch-bias-" + (l + 1) + ".npy";
    }

    private static void writeNpy(INDArray a, Path target) throws IOException {
        AtomicFiles.write(target, f -> Nd4j.writeAsNumpy(a, f.toFile()));
    }

    /**
     * Loads the framework model of a run folder and checks it against the run: one dense layer per hidden layer of
     * the run's config plus the output layer, each with the inputs and outputs the run's data and config give it,
     * the parameter count those layers have, and every parameter finite.
     *
     * <p>The finiteness check is needed because a damaged value does not show in the predictions: with one feature
     * and one target ND4J's {@code x.mmul(W)} treats the 1 × 1 W as a scalar and replaces a NaN one by
     * {@code Nd4j.EPS_THRESHOLD} (1e-5), so a NaN weight predicts as if it were 1e-5 (see
     * {@link dev.minibatch.train.Divergence}).
     *
     * @param dir the run folder.
     * @param nFeatures the run's number of features.
     * @param nTargets the run's number of targets.
     * @param hidden the run's hidden layers (empty: the linear model).
     * @return the network.
     * @throws ConfigException (exit code 2) naming the file and what is wrong: missing, truncated, not a DL4J
     *     model, of another shape, or holding a NaN or infinite parameter.
     */
    public static MultiLayerNetwork loadFramework(Path dir, int nFeatures, int nTargets,
                                                  java.util.List<LayerSpec> hidden) {
        Path f = dir.resolve(FRAMEWORK_FILE);
        MultiLayerNetwork net;
        try {
            net = MultiLayerNetwork.load(f.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(f + ": not a readable DL4J model (" + unreadable(f) + "); re-run minibatch"
                    + " train to write it again");
        }
        String bad = misfit(net, nFeatures, nTargets, hidden);
        if (bad != null) {
            throw new ConfigException(f + ": " + bad + "; the file is damaged or not this run's");
        }
        for (int l = 0; l < net.getnLayers(); l++) {
            double[] p = net.getLayer(l).params().castTo(DataType.DOUBLE).toDoubleVector();
            for (int i = 0; i < p.length; i++) {
                if (!Double.isFinite(p[i])) {
                    throw new ConfigException(f + ": parameter " + (i + 1) + " of layer " + (l + 1) + " is " + p[i]
                            + "; the file is damaged");
                }
            }
        }
        return net;
    }

    /** How a loaded network differs from the run's layers, or {@code null} when it has them. */
    private static String misfit(MultiLayerNetwork net, int nFeatures, int nTargets,
                                 java.util.List<LayerSpec> hidden) {
        int n = hidden.size() + 1;
        if (net.getnLayers() != n) {
            return "it has " + net.getnLayers() + " layers, the run's config " + n + " (" + hidden.size()
                    + " hidden and the output layer)";
        }
        java.util.List<dev.minibatch.config.LayerShape> shapes = LayerSpec.shapes(hidden,
                dev.minibatch.config.LayerShape.flat(nFeatures), nTargets);
        long in = nFeatures;
        long params = 0;
        for (int l = 0; l < n; l++) {
            long out = shapes.get(l + 1).size();
            if (!(net.getLayer(l).conf().getLayer() instanceof FeedForwardLayer d)) {
                return "layer " + (l + 1) + " is not a dense layer";
            }
            if (d.getNIn() != in || d.getNOut() != out) {
                return "layer " + (l + 1) + " has " + d.getNIn() + " inputs and " + d.getNOut() + " outputs, the run's"
                        + " results.json " + in + " and " + out;
            }
            params += in * out + out;
            in = out;
        }
        return net.numParams() == params ? null : "it holds " + net.numParams() + " parameters, the run's layers "
                + params;
    }

    /** Why DL4J could not read a model file, in the file's terms (DL4J's own messages name its internals). */
    private static String unreadable(Path f) {
        if (!Files.isRegularFile(f)) {
            return "the file does not exist";
        }
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(f.toFile())) {
            java.util.zip.ZipEntry conf = z.getEntry("configuration.json");
            java.util.zip.ZipEntry coef = z.getEntry("coefficients.bin");
            if (conf == null || coef == null) {
                return "the zip has no " + (conf == null ? "configuration.json" : "coefficients.bin") + " entry";
            }
            java.util.List<?> layers;
            try {
                layers = MultiLayerConfiguration.fromJson(new String(z.getInputStream(conf).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)).getConfs();
            } catch (RuntimeException e) {
                layers = null;
            }
            if (layers == null || layers.isEmpty()) {
                return "its configuration.json is not a DL4J network configuration";
            }
            long values;
            try (java.io.DataInputStream in = new java.io.DataInputStream(z.getInputStream(coef))) {
                values = Nd4j.read(in).length();
            } catch (IOException | RuntimeException e) {
                return "its coefficients.bin cannot be read (truncated or damaged)";
            }
            return "its coefficients.bin holds " + values + " values, which do not fit the layers of its"
                    + " configuration.json";
        } catch (java.util.zip.ZipException e) {
            return "not a zip archive, or a truncated one";
        } catch (IOException e) {
            return "cannot be read: " + dev.minibatch.io.OutputFolder.reason(e);
        }
    }

    /**
     * Loads the scratch trainer's layers from a run folder and checks their shapes against the run's network.
     *
     * @param dir the run folder.
     * @param nFeatures the run's number of features.
     * @param nTargets the run's number of targets.
     * @param hidden the run's hidden layers (empty: the linear model).
     * @return {W, b} per layer, input to output.
     * @throws ConfigException (exit code 2) if a file is missing, not a NumPy array, or of another shape.
     */
    public static INDArray[][] loadScratch(Path dir, int nFeatures, int nTargets, java.util.List<LayerSpec> hidden) {
        int n = hidden.size() + 1;
        INDArray[][] out = new INDArray[n][];
        java.util.List<dev.minibatch.config.LayerShape> shapes = LayerSpec.shapes(hidden,
                dev.minibatch.config.LayerShape.flat(nFeatures), nTargets);
        int in = nFeatures;
        for (int l = 0; l < n; l++) {
            int units = (int) shapes.get(l + 1).size();
            out[l] = new INDArray[] {npy(dir.resolve(weightsFile(l, n)), in, units),
                    npy(dir.resolve(biasFile(l, n)), 1, units)};
            in = units;
        }
        return out;
    }

    private static INDArray npy(Path f, int rows, int cols) {
        dev.minibatch.io.NpyFile.Matrix m = dev.minibatch.io.NpyFile.read(f, rows, cols);
        return Nd4j.createFromArray(m.values()).castTo(m.doublePrecision() ? org.nd4j.linalg.api.buffer.DataType.DOUBLE
                : org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /**
     * Predicts with the scratch parameters: per hidden layer a = f(a·W + b), then ŷ = f_out(a·W + b).
     *
     * @param layers {W, b} per layer, as loaded.
     * @param hidden the hidden layers' activations.
     * @param output the output layer's activation.
     * @param x the rows.
     * @return the predictions, in W's data type.
     */
    public static INDArray predictScratch(INDArray[][] layers, java.util.List<LayerSpec> hidden,
                                          dev.minibatch.config.Activation output, INDArray x) {
        java.util.List<ActivationFunction> activations = new java.util.ArrayList<>(hidden.stream()
                .map(ActivationFunction::of).toList());
        activations.add(ActivationFunction.of(output, output.defaultAlpha()));
        return ActivationFunction.throughLayers(x.castTo(layers[0][0].dataType()), java.util.List.of(layers),
                activations);
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
                || Files.isRegularFile(dir.resolve(weightsFile(0, 2))) : Files.isRegularFile(dir.resolve(FRAMEWORK_FILE));
    }
}
