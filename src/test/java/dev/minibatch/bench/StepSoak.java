package dev.minibatch.bench;

import dev.minibatch.data.InMemoryRows;
import dev.minibatch.batch.Shuffle;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.KernelSet;
import dev.minibatch.batch.BatchPlan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Update steps only, on the seed shape (32 × 1, double), with the process's RSS printed at each quarter: shows
 * whether a step leaks native or heap memory, without the per-epoch history a real run keeps (which grows by
 * design). Run with {@code scripts/bench --step-soak TRAINER STEPS}; TRAINER is framework, scratch (HOST kernels)
 * or scratch-nd4j. Not a test.
 */
public final class StepSoak {
    private StepSoak() {
    }

    /**
     * Runs the soak.
     *
     * @param args the trainer and the number of steps.
     * @throws IOException if /proc cannot be read.
     */
    public static void main(String[] args) throws IOException {
        String trainer = args[0];
        long steps = Long.parseLong(args[1]);
        Regression r = MakeRegression.generate(800, 1, 1, 1, 10.0, 1.0, 0);
        INDArray x = NdArrays.matrix(r.x(), DataType.DOUBLE);
        INDArray y = NdArrays.matrix(r.y(), DataType.DOUBLE);
        TrainingConfig t = new TrainingConfig(Loss.HALF_MSE, 0.01, 1, 32, Shuffle.SEEDED, 0, Precision.DOUBLE, 0);
        Parameters zero = new Parameters(new double[][] {{0.0}}, new double[] {0.0});
        int[] order = new int[800];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) ((i * 7919L) % order.length);
        }
        Runnable step;
        if (trainer.equals("framework")) {
            MultiLayerNetwork net = FrameworkTrainer.network(1, 1, t);
            DataSet batch = new DataSet(x.get(NDArrayIndex.interval(0, 32)).dup(),
                    y.get(NDArrayIndex.interval(0, 32)).dup());
            step = () -> net.fit(batch);
        } else {
            Kernels k = trainer.equals("scratch-nd4j") ? Kernels.ND4J : KernelSet.forBackend();
            KernelSet s = KernelSet.open(k, new InMemoryRows(x), new InMemoryRows(y), zero, t,
                    BatchPlan.sequential(800, 32), null);
            int[] batch = {0};
            step = () -> s.step(order, 32 * (batch[0] % 25), 32, t.learningRate(), batch[0]++);
        }
        for (int i = 0; i < 20_000; i++) {
            step.run();
        }
        System.gc();
        long rss0 = rssMb();
        System.out.printf("%s: after 20,000 warm-up steps RSS %d MB%n", trainer, rss0);
        long t0 = System.nanoTime();
        for (int q = 1; q <= 4; q++) {
            for (long i = 0; i < steps / 4; i++) {
                step.run();
            }
            long rss = rssMb();
            System.out.printf("%s: %,d steps RSS %d MB (%+d)%n", trainer, q * (steps / 4), rss, rss - rss0);
        }
        System.out.printf("%s: %.2f µs per step%n", trainer, (System.nanoTime() - t0) / 1e3 / steps);
    }

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
