package dev.minibatch.train.scratch;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J's update rules written by hand for the HOST kernels: each turns one parameter's gradient (already divided
 * by the batch size and regularized) into the amount subtracted from the parameter, and keeps the rule's state.
 *
 * <p>Each formula is libnd4j's updater op for that rule ({@code ops/declarable/helpers/cpu/updater*.cpp}, which
 * DL4J's {@code *Updater} classes call), operation by operation in the data type T: every +, −, ×, ÷ and √ of two
 * T values is rounded to T ({@link #r}); where libnd4j mixes in a {@code double} literal (the Adam family's
 * {@code 1.0 − β^t}, AdaMax's {@code + 1e-32}) the operation is done in double and rounded once when stored, as C
 * does. Constants are rounded to T first, as the op's {@code static_cast<T>} does. The rule's per-step scalars
 * (the bias-corrected step size) are computed once per step in {@link #prepare}.
 */
abstract sealed class HostRule {
    /** The value DL4J's AdaGrad starts its sum of squares at: its default ε, not the configured one. */
    static final double ADAGRAD_INITIAL = Optimizer.Kind.ADAGRAD.defaultEpsilon();

    private final boolean f32;
    /** The rule's state, one array per state slot, one value per parameter, in DL4J's slot order. */
    final double[][] state;

    HostRule(boolean f32, int slots, int nParams) {
        this.f32 = f32;
        this.state = new double[slots][nParams];
    }

    /**
     * The rule for an optimizer.
     *
     * @param o the optimizer.
     * @param type FLOAT or DOUBLE.
     * @param nParams the number of parameters.
     * @return the rule, with DL4J's initial state.
     */
    static HostRule of(Optimizer o, DataType type, int nParams) {
        boolean f = type == DataType.FLOAT;
        return switch (o.kind()) {
            case SGD -> new Sgd(f, nParams);
            case NESTEROVS -> new Nesterovs(f, nParams, o);
            case ADAM -> new Adam(f, nParams, o, type);
            case ADAMAX -> new AdaMax(f, nParams, o, type);
            case NADAM -> new Nadam(f, nParams, o, type);
            case AMSGRAD -> new AmsGrad(f, nParams, o, type);
            case RMSPROP -> new RmsProp(f, nParams, o);
            case ADAGRAD -> new AdaGrad(f, nParams, o);
            case ADADELTA -> new AdaDelta(f, nParams, o);
        };
    }

    /** Rounds to the data type. */
    final double r(double v) {
        return f32 ? (float) v : v;
    }

    /** √ in the data type: sqrtf of a float is the float nearest the exact root, as is √ in double rounded. */
    final double sqrt(double v) {
        return r(Math.sqrt(v));
    }

    /**
     * Sets the step's scalars.
     *
     * @param rate the learning rate of this step (a schedule's value).
     * @param iteration the update's iteration, from 0 (DL4J's network iteration count).
     */
    abstract void prepare(double rate, long iteration);

    /**
     * The rule's code and constants as the CUDA update kernel takes them ({@code src/main/cuda/kernels.cu}):
     * element 0 is the rule's number there, elements 1 to 5 its constants c0…c4, already rounded to the data type.
     *
     * @return six values.
     */
    abstract double[] kernelConstants();

    /**
     * This step's scalars as the CUDA update kernel takes them (s0, s1), after {@link #prepare}: the learning rate
     * in the data type, or the Adam family's bias-corrected step size.
     *
     * @param i 0 or 1.
     * @return the scalar.
     */
    abstract double kernelScalar(int i);

    /**
     * Updates parameter k's state and returns its update.
     *
     * @param k the parameter's index.
     * @param g its gradient, in the data type.
     * @return the amount to subtract from the parameter.
     */
    abstract double update(int k, double g);

    /** Plain SGD: lr·∇. */
    static final class Sgd extends HostRule {
        private double rate;

        Sgd(boolean f32, int n) {
            super(f32, 0, n);
        }

        @Override
        void prepare(double lr, long iteration) {
            rate = r(lr);                                   // the scalar in the array's type, as scal takes it
        }

        @Override
        double[] kernelConstants() {
            return new double[] {0, 0, 0, 0, 0, 0};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? rate : 0;
        }

        @Override
        double update(int k, double g) {
            return r(g * rate);
        }
    }

    /** libnd4j's nesterovs: prev = μ·v; v = prev − lr·∇; update = prev + (−μ − 1)·v. */
    static final class Nesterovs extends HostRule {
        private final double mu;
        private final double muT;
        private double rate;

        Nesterovs(boolean f32, int n, Optimizer o) {
            super(f32, 1, n);
            mu = r(o.momentum());
            muT = r(-mu - 1);
        }

        @Override
        void prepare(double lr, long iteration) {
            rate = r(lr);
        }

        @Override
        double[] kernelConstants() {
            return new double[] {1, mu, muT, 0, 0, 0};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? rate : 0;
        }

        @Override
        double update(int k, double g) {
            double[] v = state[0];
            double prev = r(mu * v[k]);
            double next = r(prev - r(rate * g));
            v[k] = next;
            return r(prev + r(muT * next));
        }
    }

    /** The Adam family's shared constants: β₁, β₂, 1 − β₁, 1 − β₂, ε, and the powers β^(t+1). */
    abstract static sealed class Moments extends HostRule {
        final double b1;
        final double b2;
        final double omb1;
        final double omb2;
        final double eps;
        final Powers pow1;
        final Powers pow2;

        Moments(boolean f32, int slots, int n, Optimizer o, DataType type) {
            super(f32, slots, n);
            b1 = r(o.beta1());
            b2 = r(o.beta2());
            omb1 = r(1 - b1);
            omb2 = r(1 - b2);
            eps = r(o.epsilon());
            pow1 = new Powers(b1, type);
            pow2 = new Powers(b2, type);
        }

        /** Adam's and AMSGrad's step size lr·√(1 − β₂^t)/(1 − β₁^t), ε where that is 0 or not finite. */
        final double correctedRate(double lr, long iteration) {
            double s = sqrt(r(1.0 - pow2.at(iteration)));    // sd_sqrt<T,T> of the double 1 − β₂^t
            double e = r(r(r(lr) * s) / (1.0 - pow1.at(iteration)));
            return Double.isNaN(e) || e == 0 || Double.isInfinite(e) ? eps : e;
        }

        /** v ← β₂·v + ∇·∇·(1 − β₂). */
        final double secondMoment(int k, double g) {
            double v = r(r(b2 * state[1][k]) + r(r(g * g) * omb2));
            state[1][k] = v;
            return v;
        }

        /** m ← β₁·m + ∇·(1 − β₁). */
        final double firstMoment(int k, double g) {
            double m = r(r(b1 * state[0][k]) + r(g * omb1));
            state[0][k] = m;
            return m;
        }
    }

    /** Adam. State: m, v (DL4J's order). */
    static final class Adam extends Moments {
        private double rate;

        Adam(boolean f32, int n, Optimizer o, DataType type) {
            super(f32, 2, n, o, type);
        }

        @Override
        void prepare(double lr, long iteration) {
            rate = correctedRate(lr, iteration);
        }

        @Override
        double[] kernelConstants() {
            return new double[] {2, b1, b2, omb1, omb2, eps};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? rate : 0;
        }

        @Override
        double update(int k, double g) {
            double m = firstMoment(k, g);
            double v = secondMoment(k, g);
            return r(r(m * rate) / r(sqrt(v) + eps));
        }
    }

    /** AdaMax. State: m, u. */
    static final class AdaMax extends Moments {
        private double rate;

        AdaMax(boolean f32, int n, Optimizer o, DataType type) {
            super(f32, 2, n, o, type);
        }

        @Override
        void prepare(double lr, long iteration) {
            double e = r(r(lr) / (1.0 - pow1.at(iteration)));
            rate = Double.isNaN(e) || e == 0 || Double.isInfinite(e) ? eps : e;
        }

        @Override
        double[] kernelConstants() {
            return new double[] {3, b1, b2, omb1, omb2, eps};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? rate : 0;
        }

        @Override
        double update(int k, double g) {
            double m = firstMoment(k, g);
            double decayed = r(b2 * state[1][k]);
            double a = Math.abs(g);
            double u = r((decayed > a ? decayed : a) + 1e-32);  // sd_max, then libnd4j's double 1e-32
            state[1][k] = u;
            return r(r(m * rate) / u);
        }
    }

    /** Nadam. State: m, v. */
    static final class Nadam extends Moments {
        private double lrT;
        private double corr;

        Nadam(boolean f32, int n, Optimizer o, DataType type) {
            super(f32, 2, n, o, type);
        }

        @Override
        void prepare(double lr, long iteration) {
            lrT = r(lr);
            corr = r(1.0 - pow1.at(iteration));
        }

        @Override
        double[] kernelConstants() {
            return new double[] {4, b1, b2, omb1, omb2, eps};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? lrT : corr;
        }

        @Override
        double update(int k, double g) {
            double scaled = r(g * omb1);
            double m = r(r(b1 * state[0][k]) + scaled);
            state[0][k] = m;
            double v = secondMoment(k, g);
            return r(r(lrT * r(r(r(m * b1) + scaled) / corr)) / r(sqrt(v) + eps));
        }
    }

    /** AMSGrad. State: m, v, v̂ (the running maximum of v). */
    static final class AmsGrad extends Moments {
        private double rate;

        AmsGrad(boolean f32, int n, Optimizer o, DataType type) {
            super(f32, 3, n, o, type);
        }

        @Override
        void prepare(double lr, long iteration) {
            rate = correctedRate(lr, iteration);
        }

        @Override
        double[] kernelConstants() {
            return new double[] {5, b1, b2, omb1, omb2, eps};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? rate : 0;
        }

        @Override
        double update(int k, double g) {
            double m = firstMoment(k, g);
            double v = secondMoment(k, g);
            double h = state[2][k] > v ? state[2][k] : v;
            state[2][k] = h;
            return r(r(rate * m) / r(sqrt(h) + eps));
        }
    }

    /** RMSProp. State: the decaying mean of ∇², started at ε. */
    static final class RmsProp extends HostRule {
        private final double decay;
        private final double omd;
        private final double eps;
        private double lrT;

        RmsProp(boolean f32, int n, Optimizer o) {
            super(f32, 1, n);
            decay = r(o.rmsDecay());
            omd = r(1 - decay);
            eps = r(o.epsilon());
            java.util.Arrays.fill(state[0], eps);
        }

        @Override
        void prepare(double lr, long iteration) {
            lrT = r(lr);
        }

        @Override
        double[] kernelConstants() {
            return new double[] {6, decay, omd, eps, 0, 0};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? lrT : 0;
        }

        @Override
        double update(int k, double g) {
            double s = r(r(state[0][k] * decay) + r(r(g * g) * omd));
            state[0][k] = s;
            return r(r(lrT * g) / r(sqrt(s) + eps));
        }
    }

    /**
     * AdaGrad. State: the sum of ∇², started at DL4J's default ε (1e-6) whatever ε is configured: DL4J 1.0.0-M2.1's
     * {@code AdaGradUpdater} initialises its state from its own field, not from the config (reproduced).
     */
    static final class AdaGrad extends HostRule {
        private final double eps;
        private double lrT;

        AdaGrad(boolean f32, int n, Optimizer o) {
            super(f32, 1, n);
            eps = r(o.epsilon());
            java.util.Arrays.fill(state[0], r(ADAGRAD_INITIAL));
        }

        @Override
        void prepare(double lr, long iteration) {
            lrT = r(lr);
        }

        @Override
        double[] kernelConstants() {
            return new double[] {7, eps, 0, 0, 0, 0};
        }

        @Override
        double kernelScalar(int i) {
            return i == 0 ? lrT : 0;
        }

        @Override
        double update(int k, double g) {
            double s = r(state[0][k] + r(g * g));
            state[0][k] = s;
            return r(r(lrT * g) / r(sqrt(s) + eps));
        }
    }

    /** AdaDelta, which has no learning rate. State: the decaying means of ∇² (msg) and of the update² (msdx). */
    static final class AdaDelta extends HostRule {
        private final double rho;
        private final double omr;
        private final double eps;

        AdaDelta(boolean f32, int n, Optimizer o) {
            super(f32, 2, n);
            rho = r(o.rho());
            omr = r(1 - rho);
            eps = r(o.epsilon());
        }

        @Override
        void prepare(double lr, long iteration) {
        }

        @Override
        double[] kernelConstants() {
            return new double[] {8, rho, omr, eps, 0, 0};
        }

        @Override
        double kernelScalar(int i) {
            return 0;
        }

        @Override
        double update(int k, double g) {
            double msg = r(r(rho * state[0][k]) + r(r(g * g) * omr));
            state[0][k] = msg;
            double up = r(g * r(sqrt(r(state[1][k] + eps)) / sqrt(r(msg + eps))));
            state[1][k] = r(r(rho * state[1][k]) + r(r(up * up) * omr));
            return up;
        }
    }
}
