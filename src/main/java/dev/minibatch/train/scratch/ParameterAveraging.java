package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.DistributedConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.Parameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What DL4J's {@code ParameterAveragingTrainingMaster} does to one epoch on Spark, simulated by hand with the
 * scratch trainer's step; the Spark trainer feeds Spark the same rounds, so the two agree.
 *
 * <p>An epoch's batches (the batch plan's, of {@code batch_size_per_worker} rows) go in rounds of
 * workers × averaging_frequency batches; a round's batches are cut into contiguous runs, one per worker, as
 * Spark's {@code parallelize} slices a list (worker i: batches ⌊i·g/W⌋ to ⌊(i+1)·g/W⌋ of the round's g; a last round
 * with fewer batches than workers uses as many workers as batches). Each worker starts from the round's parameters
 * and updater state, with the network's iteration count, and fits its batches one update each. Then the master
 * sums the workers' parameters and updater states in worker order and divides by their number (DL4J's
 * {@code addi}/{@code divi}), and adds averaging_frequency to the iteration count, whatever the round's size —
 * DL4J's own bookkeeping. Epoch-unit schedules see the training epoch.
 *
 * <p>Exactness: with two workers the sum is the same in any order (a + b = b + a), so a {@code local[2]} run
 * agrees at tolerance 0; with more, Spark's tree aggregation may add in another order (docs/SPARK.md).
 */
final class ParameterAveraging {
    private ParameterAveraging() {
    }

    /**
     * Runs one epoch of averaging rounds.
     *
     * @param step the kernel set, holding the round's parameters and state between rounds.
     * @param plan the batch plan.
     * @param order the epoch's row order.
     * @param epoch the epoch, from 1.
     * @param settings the training settings.
     * @param d the distributed settings.
     * @param counters {total updates, the master's iteration count}.
     * @param batchLosses receives each batch's loss.
     * @return the mean over rounds of the workers' mean last-batch loss (what DL4J's Spark score reports).
     */
    static double epoch(KernelSet step, BatchPlan plan, int[] order, int epoch, TrainingConfig settings,
                        DistributedConfig d, long[] counters, double[] batchLosses) {
        int total = plan.batchesPerEpoch();
        int perRound = d.workers() * d.averagingFrequency();
        DataType type = NdArrays.dataType(settings.precision());
        double scores = 0.0;
        int rounds = 0;
        for (int first = 0; first < total; first += perRound) {
            int g = Math.min(perRound, total - first);
            int workers = Math.min(d.workers(), g);
            Parameters theta = step.parameters();
            double[][] state = step.optimizerState();
            long iteration = counters[1];
            int nLayers = theta.layers().size();
            INDArray[] sumW = new INDArray[nLayers];
            INDArray[] sumB = new INDArray[nLayers];
            INDArray[] sumS = new INDArray[state.length];
            double scoreSum = 0.0;
            for (int w = 0; w < workers; w++) {
                int from = first + (int) ((long) w * g / workers);
                int to = first + (int) ((long) (w + 1) * g / workers);
                step.restore(theta, state, iteration);
                double last = 0.0;
                for (int b = from; b < to; b++) {
                    long it = iteration + (b - from);
                    last = step.step(order, plan.batchStart(b), plan.batchLength(b),
                            settings.learningRateAt(it, epoch), it);
                    batchLosses[b] = last;
                    counters[0]++;
                }
                java.util.List<Parameters.Layer> p = step.parameters().layers();
                double[][] s = step.optimizerState();
                for (int l = 0; l < nLayers; l++) {            // element-wise: as DL4J's sum of flat vectors
                    INDArray pw = NdArrays.matrix(p.get(l).weights(), type);
                    INDArray pb = NdArrays.row(p.get(l).bias(), type);
                    sumW[l] = sumW[l] == null ? pw : sumW[l].addi(pw);
                    sumB[l] = sumB[l] == null ? pb : sumB[l].addi(pb);
                }
                for (int i = 0; i < s.length; i++) {
                    INDArray si = Nd4j.createFromArray(s[i]).castTo(type);
                    sumS[i] = sumS[i] == null ? si : sumS[i].addi(si);
                }
                scoreSum += last;
            }
            java.util.List<Parameters.Layer> averaged = new java.util.ArrayList<>();
            for (int l = 0; l < nLayers; l++) {
                Parameters q = Parameters.of(sumW[l].divi(workers), sumB[l].divi(workers));
                averaged.add(new Parameters.Layer(q.weights(), q.bias()));
            }
            double[][] avgState = new double[state.length][];
            for (int i = 0; i < state.length; i++) {
                avgState[i] = sumS[i].divi(workers).castTo(DataType.DOUBLE).toDoubleVector();
            }
            step.restore(Parameters.ofLayers(averaged), avgState, iteration + d.averagingFrequency());
            counters[1] = iteration + d.averagingFrequency();
            scores += scoreSum / workers;
            rounds++;
        }
        return scores / rounds;
    }
}
