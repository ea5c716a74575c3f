package dev.minibatch.cli;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.batch.Shuffle;
import dev.minibatch.config.EarlyStopping;
import dev.minibatch.config.Init;
import dev.minibatch.config.Loss;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.ModelConfig;
import dev.minibatch.config.Setting;
import dev.minibatch.results.BenchRow;
import dev.minibatch.run.Trainers;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.config.Precision;
import dev.minibatch.config.Optimizer;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.SplitIndices;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.InitialParameters;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.config.Kernels;
import dev.minibatch.data.NdArrays;
import dev.minibatch.data.InMemoryRows;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code minibatch bench}: times one trainer on one fixed workload, in this JVM, and prints one JSON line.
 * scripts/bench runs it once per workload and trainer (a fresh JVM each, so peak RSS is per run) beside NumPy.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time one trainer on a fixed workload (seed, mid, large, huge) and print a JSON line: median µs per"
                + " step and samples per second over the repetitions after a warm-up of at least 5 s, peak RSS,"
                + " data time.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--workload", required = true, description = "seed, mid, large, huge (10,000,000 × 100, batch 8192, float: for a GPU) or mlp"
            + " (100,000 × 100 → 256 ReLU → 256 ReLU → 1, batch 256, float).")
    private String workload;

    @Option(names = "--trainer", required = true, description = "framework or scratch.")
    private String trainer;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for ND4J's ops and OpenBLAS (default:"
            + " as a run of this shape picks them; see train --help).")
    private Integer threads;

    @Option(names = "--reps", defaultValue = "5", description = "Timed repetitions after the warm-up (default 5).")
    private int reps;

    @Option(names = "--epochs", description = "Overrides the workload's epochs (for quick runs).")
    private Integer epochs;

    @Option(names = "--backend", defaultValue = "auto", description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--kernels", description = "The scratch trainer's kernels: auto (the default), host, nd4j or"
            + " cuda (minibatch's CUDA kernels; exit 2 if the GPU cannot be used).")
    private String kernels;

    @Option(names = "--optimizer", defaultValue = "sgd",
            description = "The update rule, with DL4J's defaults: sgd (default), nesterovs, adam, adamax, nadam,"
                    + " amsgrad, rmsprop, adagrad or adadelta.")
    private String optimizer;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "Least time for the untimed warm-up repetitions (default ${DEFAULT-VALUE}; 0: one).")
    private double warmupSeconds;

    /**
     * A benchmark workload.
     *
     * @param name its name.
     * @param rows training rows.
     * @param features features.
     * @param batch batch size.
     * @param epochs epochs.
     * @param precision data type.
     * @param loss loss convention.
     */
    record Workload(String name, int rows, int features, int batch, int epochs, Precision precision, Loss loss,
                    List<dev.minibatch.config.LayerSpec> hidden, double learningRate, int classes) {
        Workload(String name, int rows, int features, int batch, int epochs, Precision precision, Loss loss) {
            this(name, rows, features, batch, epochs, precision, loss, List.of(), 0.01, 0);
        }
    }

    static final Map<String, Workload> WORKLOADS = Map.of(
            "seed", new Workload("seed", 800, 1, 32, 100, Precision.DOUBLE, Loss.HALF_MSE),
            "mid", new Workload("mid", 100_000, 100, 256, 5, Precision.FLOAT, Loss.MSE),
            "large", new Workload("large", 1_000_000, 100, 1024, 2, Precision.FLOAT, Loss.MSE),
            // the GPU workload of scripts/bench --gpu: 4 GB of float features, 1,221 steps an epoch
            "huge", new Workload("huge", 10_000_000, 100, 8192, 1, Precision.FLOAT, Loss.MSE),
            // a network: 100 → 256 ReLU → 256 ReLU → 1, glorot-uniform weights (lr 1e-4: the targets' std is ~180)
            "mlp", new Workload("mlp", 100_000, 100, 256, 1, Precision.FLOAT, Loss.MSE, List.of(
                    new dev.minibatch.config.LayerSpec.Dense(256, dev.minibatch.config.Activation.RELU),
                    new dev.minibatch.config.LayerSpec.Dense(256, dev.minibatch.config.Activation.RELU)), 1e-4, 0),
            // a classifier: softmax regression over 10 classes (the label: the largest of the first 10 features)
            "softmax", new Workload("softmax", 100_000, 100, 256, 1, Precision.FLOAT, Loss.CATEGORICAL_CROSSENTROPY,
                    List.of(), 0.01, 10));

    /** One-hot labels: each row's class is its largest value among the first k features. */
    private static double[][] oneHot(double[][] x, int k) {
        double[][] y = new double[x.length][k];
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                best = x[i][j] > x[i][best] ? j : best;
            }
            y[i][best] = 1;
        }
        return y;
    }

    @Override
    public Integer call() throws IOException {
        double jvmStartSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        Logging.configure(false);
        if (reps < 1) {
            throw new dev.minibatch.config.ConfigException("--reps: must be at least 1, got " + reps);
        }
        if (!(warmupSeconds >= 0)) {
            throw new dev.minibatch.config.ConfigException("--warmup-seconds: must be 0 or more, got "
                    + warmupSeconds);
        }
        long b0 = System.nanoTime();
        Kernels kernelRequest = kernels == null ? Kernels.AUTO
                : Setting.flag(Kernels.class, "--kernels", kernels);
        BackendStartup.Started started = BackendStartup.start(BackendStartup.request(backend), kernelRequest, false,
                spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        double backendSeconds = (System.nanoTime() - b0) / 1e9;
        // Names in any case, as every other flag's (--trainer SCRATCH, --workload Seed).
        String workload = this.workload.strip().toLowerCase(java.util.Locale.ROOT);
        Workload w = WORKLOADS.get(workload);
        if (w == null) {
            throw new dev.minibatch.config.ConfigException("--workload: must be one of seed|mid|large|huge|mlp|softmax,"
                    + " got '"
                    + Setting.clip(this.workload) + "'");
        }
        // the scratch trainer takes the decided kernels (auto: the GPU's when usable); --kernels with framework is
        // refused by byName
        boolean scratch = trainer.strip().equalsIgnoreCase(dev.minibatch.train.scratch.ScratchTrainer.NAME);
        Trainer t = Trainers.byName(trainer, scratch || kernels != null
                ? started.decision().kernels().kernels() : null, "--trainer");
        int nEpochs = epochs != null ? epochs : w.epochs();
        long d0 = System.nanoTime();
        int testRows = 1000;
        NdDataset data;
        if (w.rows() <= 1_000_000) {
            Regression r = MakeRegression.generate(w.rows() + testRows, w.features(), 10, 1, 0.0, 1.0, 0);
            int[] train = new int[w.rows()];
            int[] test = new int[testRows];
            Arrays.setAll(train, i -> i);
            Arrays.setAll(test, i -> w.rows() + i);
            double[][] y = w.classes() == 0 ? r.y() : oneHot(r.x(), w.classes());
            // Copied into ND4J once: every repetition reads the same arrays, as both trainers of a train run do.
            data = NdDataset.of(Dataset.of(r.x(), y, new SplitIndices(train, test)), w.precision());
        } else {
            data = generated(w.rows(), testRows, w.features(), w.precision());
        }
        double dataSeconds = (System.nanoTime() - d0) / 1e9;
        Optimizer.Kind kind = Setting.flag(Optimizer.Kind.class, "--optimizer", optimizer);
        TrainingConfig settings = new TrainingConfig(w.loss(), w.learningRate(), nEpochs, w.batch(), Shuffle.SEEDED,
                0, w.precision(), 0.0, EarlyStopping.NONE, 0.0, 0.0, LrSchedule.NONE, Optimizer.of(kind), w.hidden(),
                w.loss().outputActivation());
        InitialParameters init = InitialParameters.draw(new ModelConfig(w.hidden().isEmpty() ? Init.ZEROS
                : Init.XAVIER_UNIFORM, 0), w.hidden(), w.features(), Math.max(1, w.classes()));
        BatchPlan plan = BatchPlan.seeded(w.rows(), w.batch(), 0);
        if (threads != null && threads < 1) {
            throw new dev.minibatch.config.ConfigException("--threads: must be 1 or more, got " + threads);
        }
        dev.minibatch.backend.CpuThreads cpu = dev.minibatch.backend.CpuThreads.decide(threads,
                dev.minibatch.backend.CpuThreads.largestProduct(w.batch(), w.features(), dev.minibatch.config.LayerSpec
                        .widths(w.hidden(), dev.minibatch.config.LayerShape.flat(w.features())), Math.max(1, w.classes()))).apply();

        // Warm-up: whole repetitions, untimed, until --warmup-seconds have passed (at least one), so the JIT has
        // compiled the step's code paths before anything is timed (DL4J's need more than one seed repetition).
        long w0 = System.nanoTime();
        int warmups = 0;
        do {
            t.train(data, plan, init.parameters(), settings, EpochListener.NONE);
            warmups++;
        } while (System.nanoTime() - w0 < warmupSeconds * 1e9);
        List<Double> usPerStep = new ArrayList<>();
        List<Double> kernelUsPerStep = new ArrayList<>();
        long steps = 0;
        String device = null;
        for (int rep = 0; rep < reps; rep++) {
            TrainingResult res = t.train(data, plan, init.parameters(), settings, EpochListener.NONE);
            steps = res.steps();
            device = res.device();
            usPerStep.add(res.stepSeconds() * 1e6 / res.steps());
            kernelUsPerStep.add(res.kernelSeconds() * 1e6 / res.steps());
        }
        double median = median(usPerStep);
        double kernelMedian = median(kernelUsPerStep);
        BenchRow row = new BenchRow(w.name(), t.name(), median, w.batch() * 1e6 / median, peakRssMb(), steps,
                usPerStep.size(), warmups, usPerStep, dataSeconds, jvmStartSeconds, backendSeconds,
                cpu.inForce(), started.decision().backend(),
                kind == Optimizer.Kind.SGD ? t.engine() : t.engine() + "; " + settings.optimizer().name(), device,
                Double.isNaN(kernelMedian) ? null : kernelMedian);
        spec.commandLine().getOut().println(ResultsMapper.JSON.writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(row));
        return ExitCodes.OK;
    }

    /**
     * The huge workload's rows, made by ND4J's own (native, multi-threaded) generator straight in the training
     * precision: make_regression's exact stream takes minutes and 8 GB of heap for 10 M × 100, and a speed
     * benchmark needs rows of the same kind, not the same bits: x ~ N(0, 1), y = x·w + N(0, 1) with w's first ten
     * entries drawn from U(0, 100), as make_regression does with ten informative features.
     */
    private static NdDataset generated(int rows, int testRows, int features, Precision precision) {
        DataType type = NdArrays.dataType(precision);
        Nd4j.getRandom().setSeed(0);
        INDArray coef = Nd4j.zeros(type, features, 1);
        coef.get(NDArrayIndex.interval(0, Math.min(10, features)), NDArrayIndex.all())
                .assign(Nd4j.rand(type, Math.min(10, features), 1).muli(100));
        INDArray[] xy = new INDArray[4];
        int[] sizes = {rows, testRows};
        for (int s = 0; s < 2; s++) {
            INDArray x = Nd4j.randn(type, sizes[s], features);
            xy[2 * s] = x;
            xy[2 * s + 1] = x.mmul(coef).addi(Nd4j.randn(type, sizes[s], 1));
        }
        return new NdDataset(new InMemoryRows(xy[0]), new InMemoryRows(xy[1]), new InMemoryRows(xy[2]),
                new InMemoryRows(xy[3]), null, null);
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Peak resident set size of this process, from /proc (Linux); -1 elsewhere. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
