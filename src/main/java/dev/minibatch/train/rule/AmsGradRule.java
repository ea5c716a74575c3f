package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.AmsGradUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/** DL4J's {@link AMSGrad}: Adam with the running maximum v̂ of v. State: m, v, v̂. */
public final class AmsGradRule extends MomentRule {

    AmsGradRule(Optimizer o, DataType type) {
        super(o, type);
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return AMSGrad.builder().learningRate(lr).learningRateSchedule(schedule).beta1(optimizer.beta1())
                .beta2(optimizer.beta2()).epsilon(optimizer.epsilon()).build();
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new AmsGradUpdater(grads, state[1], state[0], state[2], lr, optimizer.beta1(), optimizer.beta2(),
                optimizer.epsilon(), iteration);
    }

    @Override
    public int cudaCode() {
        return 5;
    }

    @Override
    public void prepare(double lr, long iteration) {
        rate = correctedRate(lr, iteration);
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double m = firstMoment(state, k, g);
        double v = secondMoment(state, k, g);
        double h = state[2][k] > v ? state[2][k] : v;
        state[2][k] = h;
        return r(r(rate * m) / r(sqrt(h) + eps));
    }
}
