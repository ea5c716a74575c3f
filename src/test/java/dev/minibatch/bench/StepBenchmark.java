package dev.minibatch.bench;

import dev.minibatch.data.InMemoryRows;
import dev.minibatch.batch.Shuffle;
import dev.minibatch.config.Init;
import dev.minibatch.config.Loss;
import dev.minibatch.config.ModelConfig;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.train.InitialParameters;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.KernelSet;
import dev.minibatch.batch.BatchPlan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * JMH micro-benchmarks of one update step of each trainer on a batch of the seed (32 × 1, double) or mid
 * (256 × 100, float) shape. Run with {@code scripts/bench --jmh}. Not a test: nothing here runs in CI.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"}) // and the host JVM's options: scripts/bench passes the launcher's
public class StepBenchmark {
    @Param({"seed", "mid"})
    public String shape;

    private KernelSet scratch;
    private KernelSet scratchNd4j;
    private double lr;
    private long iteration;
    private MultiLayerNetwork net;
    private DataSet batch;
    private int[] order;
    private int batchSize;
    private int rows;
    private int start;

    /** Builds the data, the scratch step and the DL4J network once per trial. */
    @Setup
    public void setUp() {
        boolean seed = shape.equals("seed");
        rows = seed ? 800 : 20_000;
        int features = seed ? 1 : 100;
        batchSize = seed ? 32 : 256;
        Precision precision = seed ? Precision.DOUBLE : Precision.FLOAT;
        DataType type = NdArrays.dataType(precision);
        Regression r = MakeRegression.generate(rows, features, 10, 1, 0.0, 1.0, 0);
        INDArray x = NdArrays.matrix(r.x(), type);
        INDArray y = NdArrays.matrix(r.y(), type);
        TrainingConfig t = new TrainingConfig(seed ? Loss.HALF_MSE : Loss.MSE, 1e-4, 1, batchSize, Shuffle.SEEDED,
                0, precision, 0);
        InitialParameters init = InitialParameters.draw(new ModelConfig(Init.ZEROS, 0), features, 1);
        BatchPlan plan = BatchPlan.sequential(rows, batchSize);
        scratch = KernelSet.open(KernelSet.forBackend(), new InMemoryRows(x), new InMemoryRows(y), init.parameters(), t,
                plan, null);
        scratchNd4j = KernelSet.open(Kernels.ND4J, new InMemoryRows(x), new InMemoryRows(y), init.parameters(), t,
                plan, null);
        lr = t.learningRate();
        order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = (int) ((i * 7919L) % rows);
        }
        net = FrameworkTrainer.network(features, 1, t);
        batch = new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, batchSize)).dup(),
                y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, batchSize)).dup());
    }

    /**
     * One scratch step (gather, forward, gradient, update) with the backend's default kernels ({@code HOST} on CPU).
     *
     * @return the batch loss, so the work is not optimised away.
     */
    @Benchmark
    public double scratchStep() {
        return nextBatch(scratch);
    }

    /**
     * One scratch step with every operation through ND4J's executor ({@code Kernels.ND4J}).
     *
     * @return the batch loss, so the work is not optimised away.
     */
    @Benchmark
    public double scratchStepNd4j() {
        return nextBatch(scratchNd4j);
    }

    private double nextBatch(KernelSet step) {
        double loss = step.step(order, start, batchSize, lr, iteration++);
        start += batchSize;
        if (start + batchSize > rows) {
            start = 0;
        }
        return loss;
    }

    /**
     * One DL4J {@code fit} on a prepared batch.
     *
     * @return the score, so the work is not optimised away.
     */
    @Benchmark
    public double frameworkStep() {
        net.fit(batch);
        return net.score();
    }
}
