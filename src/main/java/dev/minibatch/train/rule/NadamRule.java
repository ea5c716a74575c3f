package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.NadamUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.schedule.ISchedule;

/** DL4J's {@link Nadam}: Adam with a Nesterov look-ahead on m. State: m, v. */
public final class NadamRule extends MomentRule {
    private double corr;

    NadamRule(Optimizer o, DataType type) {
        super(o, type);
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return Nadam.builder().learningRate(lr).learningRateSchedule(schedule).beta1(optimizer.beta1())
                .beta2(optimizer.beta2()).epsilon(optimizer.epsilon()).build();
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new NadamUpdater(grads, state[1], state[0], lr, optimizer.beta1(), optimizer.beta2(),
                optimizer.epsilon(), iteration);
    }

    @Override
    public int cudaCode() {
        return 4;
    }

    @Override
    public double cudaScalar(int i) {
        return i == 0 ? rate : corr;
    }

    @Override
    public void prepare(double lr, long iteration) {
        rate = r(lr);
        corr = r(1.0 - pow1.at(iteration));
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double scaled = r(g * omb1);
        double m = r(r(b1 * state[0][k]) + scaled);
        state[0][k] = m;
        double v = secondMoment(state, k, g);
        return r(r(rate * r(r(r(m * b1) + scaled) / corr)) / r(sqrt(v) + eps));
    }
}
