package dev.minibatch.train.scratch;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdaMaxUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AmsGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NadamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update rules for the ND4J kernels: the libnd4j updater op DL4J's {@code *Updater} classes execute, on the
 * scratch trainer's own state arrays (one per state slot, in DL4J's order), turning the gradient into the update
 * in place. SGD stays a BLAS {@code scal}, which gives {@code grads.muli(lr)}'s bits.
 */
final class Nd4jRule {
    private final Optimizer o;
    private final INDArray[] state;
    private final Level1 blas;

    /**
     * Creates the rule's state with DL4J's initial values.
     *
     * @param o the optimizer.
     * @param type the data type.
     * @param nParams the number of parameters.
     */
    Nd4jRule(Optimizer o, DataType type, int nParams) {
        this.o = o;
        this.blas = Nd4j.getBlasWrapper().level1();
        state = new INDArray[o.kind().stateArrays()];
        // RmsProp starts at ε; AdaGrad at its default ε whatever is configured (see HostRule.AdaGrad); others at 0
        double start = o.kind() == Optimizer.Kind.RMSPROP ? o.epsilon()
                : o.kind() == Optimizer.Kind.ADAGRAD ? HostRule.ADAGRAD_INITIAL : 0.0;
        for (int i = 0; i < state.length; i++) {
            state[i] = Nd4j.valueArrayOf(new long[] {1, nParams}, start, type);
        }
    }

    /** @return the state arrays (live, not copies). */
    INDArray[] state() {
        return state;
    }

    /**
     * Turns the gradient into the update, in place.
     *
     * @param grads the gradient, divided by the batch size and regularized.
     * @param lr this step's learning rate.
     * @param iteration the update's iteration, from 0.
     */
    void apply(INDArray grads, double lr, long iteration) {
        int it = (int) iteration;                        // DL4J passes an int iteration count
        CustomOp op = switch (o.kind()) {
            case SGD -> null;
            case NESTEROVS -> new NesterovsUpdater(grads, state[0], lr, o.momentum());
            // DL4J's AdamUpdater passes (v, m): the op's "stateU" is v
            case ADAM -> new AdamUpdater(grads, state[1], state[0], lr, o.beta1(), o.beta2(), o.epsilon(), it);
            case ADAMAX -> new AdaMaxUpdater(grads, state[1], state[0], lr, o.beta1(), o.beta2(), o.epsilon(), it);
            case NADAM -> new NadamUpdater(grads, state[1], state[0], lr, o.beta1(), o.beta2(), o.epsilon(), it);
            case AMSGRAD -> new AmsGradUpdater(grads, state[1], state[0], state[2], lr, o.beta1(), o.beta2(),
                    o.epsilon(), it);
            case RMSPROP -> new RmsPropUpdater(grads, state[0], lr, o.rmsDecay(), o.epsilon());
            case ADAGRAD -> new AdaGradUpdater(grads, state[0], lr, o.epsilon());
            case ADADELTA -> new AdaDeltaUpdater(grads, state[0], state[1], o.rho(), o.epsilon());
        };
        if (op == null) {
            blas.scal(grads.length(), lr, grads);        // exact, as grads.muli(lr)
        } else {
            Nd4j.exec(op);
        }
    }
}
