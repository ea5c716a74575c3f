package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J's {@link AdaGrad}: s = s + ∇²; update = lr·∇/(√s + ε). State: s, started at DL4J's default ε (1e-6) whatever
 * ε is configured: DL4J 1.0.0-M2.1's {@code AdaGradUpdater} initialises its state from its own field, not from the
 * config (reproduced).
 */
public final class AdaGradRule extends UpdateRule {
    /** The value DL4J's AdaGrad starts its sum of squares at: its default ε, not the configured one. */
    public static final double INITIAL = Optimizer.Kind.ADAGRAD.defaultEpsilon();

    private final double eps;

    AdaGradRule(Optimizer o, DataType type) {
        super(o, type);
        eps = r(o.epsilon());
    }

    @Override
    public double initialState() {
        return INITIAL;
    }

    @Override
    public IUpdater dl4j(double lr, ISchedule schedule) {
        return AdaGrad.builder().learningRate(lr).learningRateSchedule(schedule).epsilon(optimizer.epsilon()).build();
    }

    @Override
    public CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration) {
        return new AdaGradUpdater(grads, state[0], lr, optimizer.epsilon());
    }

    @Override
    public int cudaCode() {
        return 7;
    }

    @Override
    public double[] cudaConstants() {
        return new double[] {eps, 0, 0, 0, 0};
    }

    @Override
    public double update(double[][] state, int k, double g) {
        double s = r(state[0][k] + r(g * g));
        state[0][k] = s;
        return r(r(rate * g) / r(sqrt(s) + eps));
    }
}
