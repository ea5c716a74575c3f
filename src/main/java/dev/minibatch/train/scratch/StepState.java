package dev.minibatch.train.scratch;

import dev.minibatch.train.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the scratch trainer's epoch loop reads from a kernel set's step and writes back into it, whatever the step
 * runs on ({@link ScratchStep} on the CPU or through ND4J, {@link CudaStep} on a GPU).
 */
interface StepState {
    /** @return the current parameters, copied out. */
    Parameters parameters();

    /** @return the update rule's state, one array per slot in DL4J's order (copies; exact in double). */
    double[][] optimizerState();

    /**
     * Puts the step where a checkpoint left it.
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
     * @return x·W + b.
     */
    INDArray predict(INDArray x);
}
