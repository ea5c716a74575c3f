package dev.minibatch.train.rule;

import dev.minibatch.config.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * One of DL4J's update rules, every form of it in one class: DL4J's own {@link IUpdater} (what the framework trainer
 * configures), the formula written by hand (the HOST kernels), the libnd4j op DL4J's updater executes (the ND4J
 * kernels) and the rule's number and constants in {@code src/main/cuda/kernels.cu} (the CUDA kernels). A new rule is
 * one subclass here, its case in {@link #of}, its constant in {@link Optimizer.Kind} (the config's name, keys and
 * state size) and its case in kernels.cu's {@code update} (docs/DEVELOPING.md).
 *
 * <p>The hand-written formula is libnd4j's updater op for that rule ({@code ops/declarable/helpers/cpu/updater*.cpp},
 * which DL4J's {@code *Updater} classes call), operation by operation in the data type T: every +, −, ×, ÷ and √ of
 * two T values is rounded to T ({@link #r}); where libnd4j mixes in a {@code double} literal (the Adam family's
 * {@code 1.0 − β^t}, AdaMax's {@code + 1e-32}) the operation is done in double and rounded once when stored, as C
 * does. Constants are rounded to T first, as the op's {@code static_cast<T>} does. The rule's per-step scalars (the
 * bias-corrected step size) are computed once per step in {@link #prepare}, on the host, for every kernel set.
 *
 * <p>A rule object holds its hyper-parameters and this step's scalars, not the state arrays: each kernel set keeps
 * the state where its step reads it (host arrays, ND4J arrays, GPU memory), {@link #slots()} arrays of one value per
 * parameter, started at {@link #initialState()}, in DL4J's slot order.
 */
public abstract sealed class UpdateRule permits SgdRule, NesterovsRule, MomentRule, RmsPropRule, AdaGradRule,
        AdaDeltaRule {
    /** The optimizer this rule was made from. */
    protected final Optimizer optimizer;
    /** The data type the rule computes in. */
    protected final DataType type;
    private final boolean f32;
    /** This step's rate s0 after {@link #prepare}: the learning rate in T unless a rule computes another. */
    protected double rate;

    UpdateRule(Optimizer optimizer, DataType type) {
        this.optimizer = optimizer;
        this.type = type;
        this.f32 = type == DataType.FLOAT;
    }

    /**
     * The rule for an optimizer: the one place that maps a configured rule to its class.
     *
     * @param o the optimizer and its hyper-parameters.
     * @param type FLOAT or DOUBLE.
     * @return the rule.
     */
    public static UpdateRule of(Optimizer o, DataType type) {
        return switch (o.kind()) {
            case SGD -> new SgdRule(o, type);
            case NESTEROVS -> new NesterovsRule(o, type);
            case ADAM -> new AdamRule(o, type);
            case ADAMAX -> new AdaMaxRule(o, type);
            case NADAM -> new NadamRule(o, type);
            case AMSGRAD -> new AmsGradRule(o, type);
            case RMSPROP -> new RmsPropRule(o, type);
            case ADAGRAD -> new AdaGradRule(o, type);
            case ADADELTA -> new AdaDeltaRule(o, type);
        };
    }

    /** @return the number of state arrays (DL4J's {@code stateSize} over the parameter count). */
    public final int slots() {
        return optimizer.kind().stateArrays();
    }

    /** @return the value every state array starts at, before rounding to the data type (0 for most rules). */
    public double initialState() {
        return 0.0;
    }

    /**
     * Fresh state for the HOST kernels: {@link #slots()} arrays of n values, each {@link #initialState()} in T.
     *
     * @param nParams the number of parameters.
     * @return the state arrays.
     */
    public final double[][] newState(int nParams) {
        double[][] s = new double[slots()][nParams];
        double start = r(initialState());
        if (start != 0) {
            for (double[] a : s) {
                java.util.Arrays.fill(a, start);
            }
        }
        return s;
    }

    /**
     * DL4J's own updater configuration for this rule, as the framework trainer gives it to the network.
     *
     * @param lr the learning rate.
     * @param schedule the learning-rate schedule, or {@code null} for a constant rate.
     * @return the updater.
     */
    public abstract IUpdater dl4j(double lr, ISchedule schedule);

    /**
     * The libnd4j updater op DL4J's updater runs for this rule, turning the gradient into the update in place.
     *
     * @param grads the gradient, divided by the batch size and regularized; overwritten with the update.
     * @param state the rule's state arrays, live.
     * @param lr this step's learning rate.
     * @param iteration the update's iteration, from 0 (DL4J passes an int).
     * @return the op, or {@code null} for plain SGD, which DL4J applies as {@code grads.muli(lr)} (a BLAS scal).
     */
    public abstract CustomOp nd4jOp(INDArray grads, INDArray[] state, double lr, int iteration);

    /** @return the rule's number in kernels.cu's {@code enum Rule}; a test pins each one to that file. */
    public abstract int cudaCode();

    /**
     * The rule's constants c0…c4 as the CUDA update kernel takes them, rounded to the data type.
     *
     * @return five values (unused ones 0).
     */
    public abstract double[] cudaConstants();

    /**
     * This step's scalars s0 and s1 as the CUDA update kernel takes them, after {@link #prepare}.
     *
     * @param i 0 or 1.
     * @return the scalar: s0 the step's rate (the learning rate in T, or the Adam family's bias-corrected step
     *     size), s1 0 unless a rule uses it.
     */
    public double cudaScalar(int i) {
        return i == 0 ? rate : 0;
    }

    /**
     * Sets the step's scalars; by default the rate is the learning rate in T, as libnd4j's ops take it.
     *
     * @param lr the learning rate of this step (a schedule's value).
     * @param iteration the update's iteration, from 0 (DL4J's network iteration count).
     */
    public void prepare(double lr, long iteration) {
        rate = r(lr);
    }

    /**
     * Updates parameter k's state and returns its update, by hand (the HOST kernels).
     *
     * @param state the state arrays.
     * @param k the parameter's index.
     * @param g its gradient, in the data type.
     * @return the amount to subtract from the parameter.
     */
    public abstract double update(double[][] state, int k, double g);

    /**
     * Rounds to the data type.
     *
     * @param v a double.
     * @return v rounded to T.
     */
    protected final double r(double v) {
        return f32 ? (float) v : v;
    }

    /**
     * √ in the data type: sqrtf of a float is the float nearest the exact root, as is √ in double rounded.
     *
     * @param v a value in T.
     * @return its root in T.
     */
    protected final double sqrt(double v) {
        return r(Math.sqrt(v));
    }
}
