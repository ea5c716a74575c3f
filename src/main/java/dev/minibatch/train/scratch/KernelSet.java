package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.Kernels;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.cuda.Device;
import dev.minibatch.train.Parameters;
import dev.minibatch.data.Rows;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One of the scratch trainer's kernel sets, set up for a run: the parameters, the update rule's state and every buffer
 * a step needs, and the step itself — forward, loss, backward, regularization, update — carried out by hand
 * ({@link HostKernels}), through ND4J ({@link Nd4jKernels}) or on a GPU ({@link CudaKernels}). The scratch trainer's
 * one epoch loop drives any of them through this interface. A new kernel set is one implementation and its case in
 * {@link #open} (docs/DEVELOPING.md).
 */
public interface KernelSet extends AutoCloseable {
    /**
     * Sets up a kernel set for a run.
     *
     * @param kernels which one: HOST, ND4J or CUDA (AUTO is resolved before, {@link #forBackend()} without a GPU).
     * @param xTrain the training features, in the training data type.
     * @param yTrain the training targets.
     * @param initial the initial parameters.
     * @param settings the loss, optimizer, regularization, learning rate and data type.
     * @param plan the batch plan (sizes the buffers).
     * @param gpu the GPU, for CUDA; opened only when CUDA is asked for.
     * @return the kernel set, to be closed after the run.
     * @throws IllegalArgumentException for HOST off the CPU backend, or AUTO.
     */
    static KernelSet open(Kernels kernels, Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings,
                          BatchPlan plan, Supplier<Device> gpu) {
        return switch (kernels) {
            case HOST -> new HostKernels(xTrain, yTrain, initial, settings);
            case ND4J -> new Nd4jKernels(xTrain, yTrain, initial, settings);
            case CUDA -> new CudaKernels(gpu.get(), xTrain, yTrain, initial, settings, plan);
            case AUTO -> throw new IllegalArgumentException("AUTO is a request: resolve it to a kernel set first");
        };
    }

    /**
     * The fastest CPU-side kernels the running ND4J backend supports, without looking for a GPU.
     *
     * @return {@link Kernels#HOST} on the CPU backend, {@link Kernels#ND4J} otherwise.
     */
    static Kernels forBackend() {
        return Nd4j.getEnvironment().isCPU() ? Kernels.HOST : Kernels.ND4J;
    }

    /**
     * Makes one update from a batch of training rows.
     *
     * @param order the epoch's row order.
     * @param start the batch's first position in the order.
     * @param len the batch's number of rows.
     * @param rate the learning rate of this update (a schedule's value).
     * @param iteration the update's iteration, from 0, as DL4J counts it (the Adam family's bias correction).
     * @return the batch's loss before the update, with DL4J's l1/l2 score.
     */
    double step(int[] order, int start, int len, double rate, long iteration);

    /**
     * Makes one epoch of updates. The default takes one {@link #step} per batch; a GPU kernel set launches the whole
     * epoch and copies the losses back once.
     *
     * @param order the epoch's row order.
     * @param plan the batch cuts.
     * @param rates each batch's learning rate.
     * @param firstIteration the iteration of the epoch's first update, from 0.
     * @param batchLosses receives each batch's loss before its update.
     */
    default void epoch(int[] order, BatchPlan plan, double[] rates, long firstIteration, double[] batchLosses) {
        for (int b = 0; b < plan.batchesPerEpoch(); b++) {
            batchLosses[b] = step(order, plan.batchStart(b), plan.batchLength(b), rates[b], firstIteration + b);
        }
    }

    /** @return the current parameters, copied out. */
    Parameters parameters();

    /** @return the update rule's state, one array per slot in DL4J's order (copies; exact in double). */
    double[][] optimizerState();

    /**
     * Puts the kernel set where a checkpoint left it.
     *
     * @param p the parameters.
     * @param state the update rule's state, as {@link #optimizerState()} gave it.
     * @param stepsTaken the updates already made.
     * @throws IllegalArgumentException if the state does not fit this rule and model.
     */
    void restore(Parameters p, double[][] state, long stepsTaken);

    /**
     * Predicts with the current parameters.
     *
     * @param x rows of features, in the training precision.
     * @return the model's outputs.
     */
    INDArray predict(INDArray x);

    /**
     * Says how long the device spent in this kernel set's epochs so far, on its own clock, where it runs apart from
     * the host: the GPU's time from the first launch of each epoch to the last one's end, without the host's work
     * around it (drawing the row order, copying it up, copying the losses down).
     *
     * @return the seconds, or NaN for a kernel set that computes on the host (its kernel time is its step time).
     */
    default double kernelSeconds() {
        return Double.NaN;
    }

    /** @return where the steps run, for results, or {@code null} for the ND4J backend's own device. */
    default String device() {
        return null;
    }

    /** Gives back what the kernel set holds outside the Java heap (GPU memory); nothing for the CPU sets. */
    @Override
    default void close() {
    }
}
