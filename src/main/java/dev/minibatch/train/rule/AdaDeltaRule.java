package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J's {@link AdaDelta}, which has no learning rate. State: the decaying means of ∇² (msg) and of the update²
 * (msdx).
 */
public final class AdaDeltaRule extends UpdateRule {
    private final double rho;
    private final double omr;
    private final double eps;

    AdaDeltaRule(Optimizer o, DataType type) {
        super(o, type);
        rho = r(o.rho());
        omr = r(1 - rho);
        eps = r(o.epsilon());
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return AdaDelta.builder().rho(optimizer.rho()).epsilon(optimizer.epsilon()).build();
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new AdaDeltaUpdater(grads, state[0], state[1], optimizer.rho(), optimizer.epsilon());
    }

    @Override
    public int cudaCode() {
        return 8;
    }

    @Override
    public double[] cudaConstants() {
        return new double[] {rho, omr, eps, 0, 0};
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double msg = r(r(rho * state[0][k]) + r(r(g * g) * omr));
        state[0][k] = msg;
        double up = r(g * r(sqrt(r(state[1][k] + eps)) / sqrt(r(msg + eps))));
        state[1][k] = r(r(rho * state[1][k]) + r(r(up * up) * omr));
        return up;
    }
}
