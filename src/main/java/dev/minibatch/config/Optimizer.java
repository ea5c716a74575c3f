package dev.minibatch.config;

/**
 * The update rule, as DL4J's {@code IUpdater}s define it.
 *
 * @param kind the rule.
 * @param momentum Nesterov momentum μ (DL4J's default 0.9); unused by SGD.
 */
public record Optimizer(Kind kind, double momentum) {
    /** Plain SGD, the tutorial's rule. */
    public static final Optimizer SGD = new Optimizer(Kind.SGD, 0.9);

    /** The rules both trainers implement. */
    public enum Kind {
        /** θ ← θ − lr·∇ (DL4J's {@code Sgd}). */
        SGD,
        /**
         * Nesterov momentum as DL4J's {@code Nesterovs} (its libnd4j op): v ← μ·v − lr·∇, then
         * θ ← θ − (μ·v_prev + (−μ − 1)·v), one rounding per operation.
         */
        NESTEROVS
    }
}
