package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/** Plain SGD (DL4J's {@link Sgd}): the update is lr·∇, DL4J's {@code grads.muli(lr)}. No state. */
public final class SgdRule extends UpdateRule {

    SgdRule(Optimizer o, DataType type) {
        super(o, type);
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return schedule != null ? new Sgd(schedule) : new Sgd(lr);
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return null;
    }

    @Override
    public int cudaCode() {
        return 0;
    }

    @Override
    public double[] cudaConstants() {
        return new double[5];
    }

    @Override
    public double update(double[][] state, int k, double g) {
        return r(g * rate);
    }
}
