package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdaMaxUpdater;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/** DL4J's {@link AdaMax}: m and the infinity norm u, with libnd4j's double {@code + 1e-32}. State: m, u. */
public final class AdaMaxRule extends MomentRule {

    AdaMaxRule(Optimizer o, DataType type) {
        super(o, type);
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        AdaMax a = new AdaMax(lr, optimizer.beta1(), optimizer.beta2(), optimizer.epsilon()); // no builder() in M2.1
        a.setLearningRateSchedule(schedule);
        return a;
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new AdaMaxUpdater(grads, state[1], state[0], lr, optimizer.beta1(), optimizer.beta2(),
                optimizer.epsilon(), iteration);
    }

    @Override
    public int cudaCode() {
        return 3;
    }

    @Override
    public void prepare(double lr, long iteration) {
        rate = finiteOrEps(r(r(lr) / (1.0 - pow1.at(iteration))));
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double m = firstMoment(state, k, g);
        double decayed = r(b2 * state[1][k]);
        double a = Math.abs(g);
        double u = r((decayed > a ? decayed : a) + 1e-32);  // sd_max, then libnd4j's double 1e-32
        state[1][k] = u;
        return r(r(m * rate) / u);
    }
}
