package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;

/** DL4J's {@link Nesterovs} as libnd4j's op: prev = μ·v; v = prev − lr·∇; update = prev + (−μ − 1)·v. State: v. */
public final class NesterovsRule extends UpdateRule {
    private final double mu;
    private final double muT;

    NesterovsRule(Optimizer o, DataType type) {
        super(o, type);
        mu = r(o.momentum());
        muT = r(-mu - 1);
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return schedule != null ? new Nesterovs(schedule, optimizer.momentum())
                : new Nesterovs(lr, optimizer.momentum());
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new NesterovsUpdater(grads, state[0], lr, optimizer.momentum());
    }

    @Override
    public int cudaCode() {
        return 1;
    }

    @Override
    public double[] cudaConstants() {
        return new double[] {mu, muT, 0, 0, 0};
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double[] v = state[0];
        double prev = r(mu * v[k]);
        double next = r(prev - r(rate * g));
        v[k] = next;
        return r(prev + r(muT * next));
    }
}
