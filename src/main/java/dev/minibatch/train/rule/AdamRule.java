package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/** DL4J's {@link Adam}: moments m, v; the bias correction folded into the step size. State: m, v. */
public final class AdamRule extends MomentRule {

    AdamRule(Optimizer o, DataType type) {
        super(o, type);
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return Adam.builder().learningRate(lr).learningRateSchedule(schedule).beta1(optimizer.beta1())
                .beta2(optimizer.beta2()).epsilon(optimizer.epsilon()).build();
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        // DL4J's AdamUpdater passes (v, m): the op's "stateU" is v
        return new AdamUpdater(grads, state[1], state[0], lr, optimizer.beta1(), optimizer.beta2(),
                optimizer.epsilon(), iteration);
    }

    @Override
    public int cudaCode() {
        return 2;
    }

    @Override
    public void prepare(double lr, long iteration) {
        rate = correctedRate(lr, iteration);
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double m = firstMoment(state, k, g);
        double v = secondMoment(state, k, g);
        return r(r(m * rate) / r(sqrt(v) + eps));
    }
}
