package dev.minibatch.train.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The tutorial's half mean squared error as a DL4J loss: per example ½·Σₖ eₖ² with e = ŷ − y, and gradient
 * dL/dŷ = e. DL4J's updater divides by the minibatch size, so a step moves by lr·(1/m)·Xᵀe, the tutorial's
 * {@code (1 / m_batch) * X_i.T.dot(error)}. Unlike DL4J's {@code LossMSE} it does not divide by the number of
 * outputs: each target is trained exactly as the tutorial trains its single one.
 *
 * <p>The operations mirror {@code LossL2}'s (activation on a copy, subtract the labels, backprop through the
 * activation) so that the scratch trainer can repeat them in the same order and get identical bits. With the
 * identity activation and no mask — this project's network — the same values come from fewer ND4J operations,
 * because each costs a fixed 5–20 µs and DL4J asks for the score and the gradient on every step: the gradient is
 * one subtraction into a new array, and the score is that difference's sum of squares by BLAS {@code dot} (the
 * scratch trainer's batch loss is the same call, so the two trainers' batch losses are equal too).
 */
public final class LossHalfMse implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /** Constructs the loss; it has no settings. */
    public LossHalfMse() {
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                      INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), false);
        INDArray e = output.subi(labels.castTo(output.dataType()));
        INDArray perExample = e.muli(e).sum(true, 1).muli(0.5);
        if (mask != null) {
            perExample.muli(mask.castTo(perExample.dataType()).reshape(perExample.shape()));
        }
        return perExample;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double score;
        if (mask == null) {
            // ŷ (the identity: z itself; another activation: on a copy), then the BLAS dot of e with itself, the
            // scratch trainer's batch-loss call too
            INDArray out = direct(activationFn, mask) ? preOutput : activationFn.getActivation(preOutput.dup(), true);
            INDArray e = out.sub(labels.castTo(preOutput.dataType()));
            score = 0.5 * Nd4j.getBlasWrapper().level1().dot(e.length(), 1.0, e, e);
        } else {
            score = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        }
        return average ? score / labels.size(0) : score;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
                                    INDArray mask) {
        if (direct(activationFn, mask)) {
            return preOutput.sub(labels.castTo(preOutput.dataType()));   // dL/dŷ = ŷ − y, as the general path
        }
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray dLda = output.subi(labels.castTo(output.dataType()));
        if (mask != null) {
            dLda.muli(mask.castTo(dLda.dataType()));
        }
        return activationFn.backprop(preOutput, dLda).getFirst();
    }

    /** The identity activation without a mask: ŷ is the pre-output itself, e = ŷ − y needs one operation. */
    private static boolean direct(IActivation activationFn, INDArray mask) {
        return mask == null && activationFn instanceof ActivationIdentity;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "LossHalfMse";
    }

    @Override
    public String toString() {
        return "LossHalfMse()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossHalfMse;
    }

    @Override
    public int hashCode() {
        return LossHalfMse.class.hashCode();
    }
}
