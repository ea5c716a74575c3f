package dev.minibatch.config;

import java.util.List;
import java.util.Locale;

/**
 * The update rule and its hyper-parameters, as DL4J's {@code IUpdater}s define them. A hyper-parameter a rule does
 * not use is carried with DL4J's default and ignored; the config loader refuses one set explicitly for a rule that
 * does not use it.
 *
 * @param kind the rule.
 * @param momentum Nesterov momentum μ (DL4J's default 0.9); {@code nesterovs} only.
 * @param beta1 the first-moment decay β₁ (0.9); the Adam family only.
 * @param beta2 the second-moment decay β₂ (0.999); the Adam family only.
 * @param epsilon the denominator's ε; every rule with a denominator; DL4J's default depends on the rule
 *     ({@link Kind#defaultEpsilon()}).
 * @param rmsDecay RmsProp's decay (0.95); {@code rmsprop} only.
 * @param rho AdaDelta's ρ (0.95); {@code adadelta} only.
 */
public record Optimizer(Kind kind, double momentum, double beta1, double beta2, double epsilon, double rmsDecay,
                        double rho) {
    /** Plain SGD, the tutorial's rule. */
    public static final Optimizer SGD = of(Kind.SGD);

    /** Hyper-parameter names, as the config's keys under {@code training} spell them. */
    public static final String MOMENTUM = "momentum";
    /** The first-moment decay's key. */
    public static final String BETA1 = "beta1";
    /** The second-moment decay's key. */
    public static final String BETA2 = "beta2";
    /** The denominator epsilon's key. */
    public static final String EPSILON = "epsilon";
    /** RmsProp's decay's key. */
    public static final String RMS_DECAY = "rms_decay";
    /** AdaDelta's rho's key. */
    public static final String RHO = "rho";

    /**
     * A rule with all of DL4J's default hyper-parameters.
     *
     * @param kind the rule.
     * @return the optimizer.
     */
    public static Optimizer of(Kind kind) {
        return new Optimizer(kind, 0.9, 0.9, 0.999, kind.defaultEpsilon(), 0.95, 0.95);
    }

    /**
     * Nesterov momentum with a given μ and DL4J's other defaults.
     *
     * @param kind the rule.
     * @param momentum μ.
     */
    public Optimizer(Kind kind, double momentum) {
        this(kind, momentum, 0.9, 0.999, kind.defaultEpsilon(), 0.95, 0.95);
    }

    /**
     * The value of a hyper-parameter by its key.
     *
     * @param key one of the key constants.
     * @return its value.
     */
    public double value(String key) {
        return switch (key) {
            case MOMENTUM -> momentum;
            case BETA1 -> beta1;
            case BETA2 -> beta2;
            case EPSILON -> epsilon;
            case RMS_DECAY -> rmsDecay;
            case RHO -> rho;
            default -> throw new IllegalArgumentException("no hyper-parameter " + key);
        };
    }

    /** @return the rule's name as the config spells it, e.g. {@code adam}. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The rules both trainers implement; each names its DL4J class, its hyper-parameters and its state. */
    public enum Kind {
        /** θ ← θ − lr·∇ (DL4J's {@code Sgd}). */
        SGD("Sgd", List.of(), 0, 0),
        /**
         * Nesterov momentum as DL4J's {@code Nesterovs} (its libnd4j op): v ← μ·v − lr·∇, then
         * θ ← θ − (μ·v_prev + (−μ − 1)·v), one rounding per operation.
         */
        NESTEROVS("Nesterovs", List.of(MOMENTUM), 1, 0),
        /** Adam (DL4J's {@code Adam}): moments m, v; the bias correction folded into the step size. */
        ADAM("Adam", List.of(BETA1, BETA2, EPSILON), 2, 1e-8),
        /** AdaMax (DL4J's {@code AdaMax}): m and the infinity norm u. */
        ADAMAX("AdaMax", List.of(BETA1, BETA2, EPSILON), 2, 1e-8),
        /** Nadam (DL4J's {@code Nadam}): Adam with a Nesterov look-ahead on m. */
        NADAM("Nadam", List.of(BETA1, BETA2, EPSILON), 2, 1e-8),
        /** AMSGrad (DL4J's {@code AMSGrad}): Adam with the running maximum of v. */
        AMSGRAD("AMSGrad", List.of(BETA1, BETA2, EPSILON), 3, 1e-8),
        /** RMSProp (DL4J's {@code RmsProp}): a decaying mean of ∇², started at ε. */
        RMSPROP("RmsProp", List.of(RMS_DECAY, EPSILON), 1, 1e-8),
        /** AdaGrad (DL4J's {@code AdaGrad}): the sum of ∇², started at ε. */
        ADAGRAD("AdaGrad", List.of(EPSILON), 1, 1e-6),
        /** AdaDelta (DL4J's {@code AdaDelta}): no learning rate; decaying means of ∇² and of the update². */
        ADADELTA("AdaDelta", List.of(RHO, EPSILON), 2, 1e-6);

        private final String dl4jClass;
        private final List<String> hyperParameters;
        private final int stateArrays;
        private final double defaultEpsilon;

        Kind(String dl4jClass, List<String> hyperParameters, int stateArrays, double defaultEpsilon) {
            this.dl4jClass = dl4jClass;
            this.hyperParameters = hyperParameters;
            this.stateArrays = stateArrays;
            this.defaultEpsilon = defaultEpsilon;
        }

        /** @return DL4J's {@code IUpdater} class's simple name. */
        public String dl4jClass() {
            return dl4jClass;
        }

        /** @return the keys of the hyper-parameters this rule uses, besides the learning rate. */
        public List<String> hyperParameters() {
            return hyperParameters;
        }

        /** @return the rule's state arrays, each one value per parameter (DL4J's {@code stateSize}/nParams). */
        public int stateArrays() {
            return stateArrays;
        }

        /** @return DL4J's default ε for this rule (0 for rules without one). */
        public double defaultEpsilon() {
            return defaultEpsilon;
        }

        /** @return whether the rule uses the learning rate (AdaDelta does not). */
        public boolean usesLearningRate() {
            return this != ADADELTA;
        }

        /** @return whether the step size depends on the iteration (the Adam family's bias correction). */
        public boolean biasCorrected() {
            return this == ADAM || this == ADAMAX || this == NADAM || this == AMSGRAD;
        }
    }
}
