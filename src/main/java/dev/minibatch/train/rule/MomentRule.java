package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The Adam family's shared part: β₁, β₂, 1 − β₁, 1 − β₂ and ε in the data type, the powers β^(t+1) from libnd4j's
 * own {@code pow} ({@link Powers}), the two moments' updates, and the CUDA constants (β₁, β₂, 1 − β₁, 1 − β₂, ε).
 */
public abstract sealed class MomentRule extends UpdateRule permits AdamRule, AdaMaxRule, NadamRule, AmsGradRule {
    final double b1;
    final double b2;
    final double omb1;
    final double omb2;
    final double eps;
    final Powers pow1;
    final Powers pow2;

    MomentRule(Optimizer o, DataType type) {
        super(o, type);
        b1 = r(o.beta1());
        b2 = r(o.beta2());
        omb1 = r(1 - b1);
        omb2 = r(1 - b2);
        eps = r(o.epsilon());
        pow1 = new Powers(b1, type);
        pow2 = new Powers(b2, type);
    }

    @Override
    public final double[] cudaConstants() {
        return new double[] {b1, b2, omb1, omb2, eps};
    }

    /**
     * Adam's and AMSGrad's step size lr·√(1 − β₂^t)/(1 − β₁^t), ε where that is 0 or not finite.
     *
     * @param lr the learning rate.
     * @param iteration the iteration, from 0.
     * @return the step size in T.
     */
    final double correctedRate(double lr, long iteration) {
        double s = sqrt(r(1.0 - pow2.at(iteration)));    // sd_sqrt<T,T> of the double 1 − β₂^t
        double e = r(r(r(lr) * s) / (1.0 - pow1.at(iteration)));
        return finiteOrEps(e);
    }

    /**
     * libnd4j's guard on a step size: ε where it is NaN, 0 or infinite.
     *
     * @param e the step size.
     * @return e or ε.
     */
    final double finiteOrEps(double e) {
        return Double.isNaN(e) || e == 0 || Double.isInfinite(e) ? eps : e;
    }

    /**
     * v ← β₂·v + ∇·∇·(1 − β₂).
     *
     * @param state the state arrays (v is slot 1).
     * @param k the parameter.
     * @param g its gradient.
     * @return the new v.
     */
    final double secondMoment(double[][] state, int k, double g) {
        double v = r(r(b2 * state[1][k]) + r(r(g * g) * omb2));
        state[1][k] = v;
        return v;
    }

    /**
     * m ← β₁·m + ∇·(1 − β₁).
     *
     * @param state the state arrays (m is slot 0).
     * @param k the parameter.
     * @param g its gradient.
     * @return the new m.
     */
    final double firstMoment(double[][] state, int k, double g) {
        double m = r(r(b1 * state[0][k]) + r(g * omb1));
        state[0][k] = m;
        return m;
    }
}
