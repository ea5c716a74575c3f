package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.schedule.ISchedule;

/** DL4J's {@link RmsProp}: s = s·decay + ∇²·(1 − decay); update = lr·∇/(√s + ε). State: s, started at ε. */
public final class RmsPropRule extends UpdateRule {
    private final double decay;
    private final double omd;
    private final double eps;

    RmsPropRule(Optimizer o, DataType type) {
        super(o, type);
        decay = r(o.rmsDecay());
        omd = r(1 - decay);
        eps = r(o.epsilon());
    }

    @Override
    public double initialState() {
        return optimizer.epsilon();
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return RmsProp.builder().learningRate(lr).learningRateSchedule(schedule).rmsDecay(optimizer.rmsDecay())
                .epsilon(optimizer.epsilon()).build();
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new RmsPropUpdater(grads, state[0], lr, optimizer.rmsDecay(), optimizer.epsilon());
    }

    @Override
    public int cudaCode() {
        return 6;
    }

    @Override
    public double[] cudaConstants() {
        return new double[] {decay, omd, eps, 0, 0};
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double s = r(r(state[0][k] * decay) + r(r(g * g) * omd));
        state[0][k] = s;
        return r(r(rate * g) / r(sqrt(s) + eps));
    }
}
