package dev.minibatch.train.activation;

import dev.minibatch.config.Activation;
import dev.minibatch.config.LayerSpec;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftPlusBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation function, every form of it in one place: its value and derivative in double (the textbook
 * definition: plots, the NumPy reference's formulas), DL4J's {@link IActivation} (what the framework trainer's layers
 * use), and the forward and backward steps the scratch trainer's CPU kernel sets take.
 *
 * <p>Exactness: the scratch trainer applies an activation with libnd4j's own element-wise op — the one DL4J's
 * {@link IActivation} executes — on its own arrays, in both CPU kernel sets. tanh, the sigmoid, softplus and ELU are
 * computed by libnd4j with the C library's {@code tanh}/{@code exp}/{@code log1p} (or its own approximations), which
 * Java's {@link StrictMath} does not reproduce bit for bit; one differing bit in one activation is a differing
 * parameter after the next update, so the op is used rather than a hand-written loop, and the tolerance stays 0.
 * The identity is no operation at all. A new activation is one subclass here, its case in {@link #of}, and its name
 * in {@link Activation} (docs/DEVELOPING.md).
 */
public abstract sealed class ActivationFunction permits ActivationFunction.Identity, ActivationFunction.Relu,
        ActivationFunction.LeakyRelu, ActivationFunction.Elu, ActivationFunction.Tanh, ActivationFunction.Sigmoid,
        ActivationFunction.SoftPlus, ActivationFunction.Softmax {
    private final IActivation dl4j;

    ActivationFunction(IActivation dl4j) {
        this.dl4j = dl4j;
    }

    /**
     * The function of a hidden layer: the one place that maps a config name to its class.
     *
     * @param layer the layer, with its activation and α.
     * @return the function.
     */
    public static ActivationFunction of(LayerSpec layer) {
        return of(layer.activation(), layer.alpha());
    }

    /**
     * The function for a config name.
     *
     * @param a the name.
     * @param alpha α for leakyrelu and elu (ignored otherwise).
     * @return the function.
     */
    public static ActivationFunction of(Activation a, double alpha) {
        return switch (a) {
            case IDENTITY -> new Identity();
            case RELU -> new Relu();
            case LEAKYRELU -> new LeakyRelu(alpha);
            case ELU -> new Elu(alpha);
            case TANH -> new Tanh();
            case SIGMOID -> new Sigmoid();
            case SOFTPLUS -> new SoftPlus();
            case SOFTMAX -> new Softmax();
        };
    }

    /**
     * A network's outputs for rows of inputs, through ND4J: per layer z = a·W + b, then its activation. The one forward
     * pass that predictions take (the CPU and CUDA kernel sets' {@code predict}, the saved scratch model's).
     *
     * @param x the rows, in the layers' data type.
     * @param layers {W, b} per layer, input to output.
     * @param activations each layer's activation, {@code null} for the identity.
     * @return the outputs.
     */
    public static INDArray throughLayers(INDArray x, java.util.List<INDArray[]> layers,
                                         java.util.List<ActivationFunction> activations) {
        INDArray a = x;
        for (int l = 0; l < layers.size(); l++) {
            a = a.mmul(layers.get(l)[0]).addiRowVector(layers.get(l)[1]);
            if (activations.get(l) != null) {
                activations.get(l).forward(a);
            }
        }
        return a;
    }

    /** @return the function's number in kernels.cu's {@code enum Act}; a test pins each one to that file. */
    public abstract int cudaCode();

    /** @return α (leakyrelu, elu), or 0 for a function without one: the CUDA kernels' argument. */
    public double alpha() {
        return 0.0;
    }

    /** @return DL4J's activation, as a layer of the framework trainer's network takes it. */
    public final IActivation dl4j() {
        return dl4j;
    }

    /**
     * a = f(z), in place, by the op DL4J's activation executes.
     *
     * @param z pre-activations; overwritten with the activations.
     */
    public void forward(INDArray z) {
        dl4j.getActivation(z, true);
    }

    /**
     * dL/dz = f'(z) ⊙ dL/da into an array of the caller's, by the op DL4J's activation's {@code backprop} executes
     * (DL4J writes it into z or a new array; the values are the same).
     *
     * @param z the pre-activations.
     * @param epsilon dL/da.
     * @param out receives dL/dz.
     */
    public void backward(INDArray z, INDArray epsilon, INDArray out) {
        Nd4j.exec(backwardOp(z, epsilon, out));
    }

    /**
     * The op of {@link #backward}.
     *
     * @param z the pre-activations.
     * @param epsilon dL/da.
     * @param out the result.
     * @return the op DL4J's activation runs, writing into out.
     */
    abstract CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out);

    /**
     * f(z) in double, the textbook definition.
     *
     * @param z a pre-activation.
     * @return the activation.
     */
    public abstract double value(double z);

    /**
     * f of one row of pre-activations in double: {@link #value} of each, or the softmax of the row.
     *
     * @param z a row's pre-activations.
     * @return its activations, a new array.
     */
    public double[] values(double[] z) {
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = value(z[j]);
        }
        return out;
    }

    /**
     * f'(z) in double, the textbook definition.
     *
     * @param z a pre-activation.
     * @return the derivative.
     */
    public abstract double derivative(double z);

    /** f(z) = z: no operation forward, dL/dz = dL/da backward. */
    public static final class Identity extends ActivationFunction {
        Identity() {
            super(new ActivationIdentity());
        }

        @Override
        public void forward(INDArray z) {
        }

        /** {@inheritDoc} ActivationIdentity's backprop returns ε itself: here it is copied, exactly. */
        @Override
        public void backward(INDArray z, INDArray epsilon, INDArray out) {
            out.assign(epsilon);
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            throw new UnsupportedOperationException("the identity has no op");
        }

        @Override
        public int cudaCode() {
            return 0;
        }

        @Override
        public double value(double z) {
            return z;
        }

        @Override
        public double derivative(double z) {
            return 1;
        }
    }

    /** max(0, z): DL4J's {@link ActivationReLU}. */
    public static final class Relu extends ActivationFunction {
        Relu() {
            super(new ActivationReLU());
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new RectifiedLinearDerivative(z, epsilon, out, 0.0);   // ActivationReLU: no threshold, no slope
        }

        @Override
        public int cudaCode() {
            return 1;
        }

        @Override
        public double value(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1 : 0;
        }
    }

    /**
     * z for z ≥ 0, α·z below: DL4J's {@link ActivationLReLU}. Its backward op takes α as a float (DL4J 1.0.0-M2.1:
     * 0.01 becomes 0.009999999776 in the derivative, not in the activation).
     */
    public static final class LeakyRelu extends ActivationFunction {
        private final double alpha;

        LeakyRelu(double alpha) {
            super(new ActivationLReLU(alpha));
            this.alpha = alpha;
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new LeakyReLUBp(z, epsilon, out, alpha);
        }

        @Override
        public int cudaCode() {
            return 2;
        }

        @Override
        public double alpha() {
            return alpha;
        }

        @Override
        public double value(double z) {
            return z >= 0 ? z : alpha * z;
        }

        @Override
        public double derivative(double z) {
            return z >= 0 ? 1 : alpha;
        }
    }

    /** z for z ≥ 0, α·(eᶻ − 1) below: DL4J's {@link ActivationELU}. */
    public static final class Elu extends ActivationFunction {
        private final double alpha;

        Elu(double alpha) {
            super(new ActivationELU(alpha));
            this.alpha = alpha;
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new EluBp(z, epsilon, out);   // DL4J 1.0.0-M2.1's ActivationELU: α = 1 here whatever its α
        }

        @Override
        public int cudaCode() {
            return 3;
        }

        @Override
        public double alpha() {
            return alpha;
        }

        @Override
        public double value(double z) {
            return z >= 0 ? z : alpha * Math.expm1(z);
        }

        @Override
        public double derivative(double z) {
            return z >= 0 ? 1 : alpha * Math.exp(z);
        }
    }

    /** tanh z: DL4J's {@link ActivationTanH}. */
    public static final class Tanh extends ActivationFunction {
        Tanh() {
            super(new ActivationTanH());
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new TanhDerivative(z, epsilon, out);
        }

        @Override
        public int cudaCode() {
            return 4;
        }

        @Override
        public double value(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(z);
            return 1 - t * t;
        }
    }

    /** 1/(1 + e⁻ᶻ): DL4J's {@link ActivationSigmoid}. */
    public static final class Sigmoid extends ActivationFunction {
        Sigmoid() {
            super(new ActivationSigmoid());
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new SigmoidDerivative(z, epsilon, out);
        }

        @Override
        public int cudaCode() {
            return 5;
        }

        @Override
        public double value(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public double derivative(double z) {
            double s = value(z);
            return s * (1 - s);
        }
    }

    /** ln(1 + eᶻ): DL4J's {@link ActivationSoftPlus}. */
    public static final class SoftPlus extends ActivationFunction {
        SoftPlus() {
            super(new ActivationSoftPlus());
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new SoftPlusBp(z, epsilon, out);
        }

        @Override
        public int cudaCode() {
            return 6;
        }

        @Override
        public double value(double z) {
            return z > 30 ? z : Math.log1p(Math.exp(z));
        }

        @Override
        public double derivative(double z) {
            return 1 / (1 + Math.exp(-z));
        }
    }

    /**
     * eᶻⁱ / Σⱼ eᶻʲ over each row: DL4J's {@link ActivationSoftmax}, an output layer's only. It is not element-wise:
     * {@link #value} and {@link #derivative} of one number do not exist (they throw; {@link #values} takes a row); the categorical cross-entropy
     * takes the fused gradient p − y instead of {@link #backward}.
     */
    public static final class Softmax extends ActivationFunction {
        Softmax() {
            super(new ActivationSoftmax());
        }

        @Override
        CustomOp backwardOp(INDArray z, INDArray epsilon, INDArray out) {
            return new SoftmaxBp(z, epsilon, out, -1);
        }

        @Override
        public int cudaCode() {
            return 7;
        }

        @Override
        public double value(double z) {
            throw new UnsupportedOperationException("softmax is defined on a row, not on one number");
        }

        /** {@inheritDoc} e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z). */
        @Override
        public double[] values(double[] z) {
            double max = java.util.Arrays.stream(z).max().orElse(0);
            double[] out = new double[z.length];
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                out[j] = Math.exp(z[j] - max);
                sum += out[j];
            }
            for (int j = 0; j < z.length; j++) {
                out[j] /= sum;
            }
            return out;
        }

        @Override
        public double derivative(double z) {
            throw new UnsupportedOperationException("softmax is defined on a row, not on one number");
        }
    }
}
