package dev.minibatch.train.scratch;

import dev.minibatch.config.LayerSpec;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.data.Rows;
import dev.minibatch.train.activation.ActivationFunction;
import dev.minibatch.train.loss.LossFunction;
import dev.minibatch.train.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the two CPU-side kernel sets share: the network's parameters and gradients in one flat ND4J buffer each, laid
 * out as DL4J's are, the batch gather, DL4J's regularization score, and one set of batch buffers per batch length.
 *
 * <p>The step is DL4J's, operation by operation, in DL4J's order, so that on one backend and data type the result is
 * bit-identical to {@code MultiLayerNetwork.fit}. Forward, layer by layer: z = a·W by {@code mmuli} into a row-major
 * array, z += b, a = f(z) (for the output layer f is the identity and e = z − y). Backward, from the output: δ = dL/dŷ
 * from the loss ({@link LossFunction}); per layer ∇W = aᵀ·δ by {@code gemm}, ∇b = Σδ by a column sum, and, below the
 * output, ε = (W·δᵀ)ᵀ into a column-major array and δ = f'(z) ⊙ ε by the activation's op
 * ({@link ActivationFunction}). Then ∇ /= m, L1 and L2 on every W, the update rule ({@link UpdateRule}) over all the
 * parameters at once, θ −= update. Parameters and gradients each live in one flat buffer laid out as DL4J's views are
 * — per layer W (n_in × n_out, column-major) then b — because the memory order decides which BLAS kernel ND4J calls,
 * and so the summation order.
 *
 * @param <B> the kernel set's buffers for one batch length.
 */
abstract class CpuKernelSet<B extends CpuKernelSet.Buffers> implements KernelSet {
    private final Rows xTrain;
    private final Rows yTrain;
    final DataType type;
    final int nFeatures;
    final int nTargets;
    final int nParams;
    final double l1;
    final double l2;
    final UpdateRule rule;
    final LossFunction loss;
    final INDArray params;
    final INDArray grads;
    /** The layers, input to output; the last is the output layer. */
    final Dense[] layers;
    // An epoch has at most two batch lengths (the full one and a partial last one): one buffer set each.
    private B full;
    private B last;

    /**
     * One dense layer: its place in the flat buffers, its views, its activation.
     *
     * @param nIn inputs.
     * @param nOut outputs.
     * @param offset where its W starts in the flat buffers (b follows W).
     * @param w W, a column-major view.
     * @param b b, a row view.
     * @param gw ∇W, a column-major view.
     * @param gb ∇b, a row view.
     * @param activation f, or {@code null} for an identity output layer (the loss follows it directly).
     */
    record Dense(int nIn, int nOut, int offset, INDArray w, INDArray b, INDArray gw, INDArray gb,
                 ActivationFunction activation) {
        /** @return where b starts in the flat buffers. */
        int biasOffset() {
            return offset + nIn * nOut;
        }
    }

    CpuKernelSet(Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings) {
        this.xTrain = xTrain;
        this.yTrain = yTrain;
        this.type = NdArrays.dataType(settings.precision());
        this.nFeatures = initial.nFeatures();
        this.nTargets = initial.nTargets();
        this.l1 = settings.l1();
        this.l2 = settings.l2();
        this.rule = UpdateRule.of(settings.optimizer(), type);
        this.loss = LossFunction.of(settings.loss());
        List<Parameters.Layer> shape = initial.layers();
        List<LayerSpec> hidden = settings.hiddenLayers();
        if (shape.size() != hidden.size() + 1) {
            throw new IllegalArgumentException("the initial parameters have " + shape.size() + " layers, the settings "
                    + (hidden.size() + 1));
        }
        int n = 0;
        for (Parameters.Layer l : shape) {
            n += l.nIn() * l.nOut() + l.nOut();
        }
        this.nParams = n;
        params = Nd4j.create(type, 1, nParams);
        grads = Nd4j.create(type, 1, nParams);
        layers = new Dense[shape.size()];
        int off = 0;
        for (int i = 0; i < layers.length; i++) {
            Parameters.Layer l = shape.get(i);
            int nW = l.nIn() * l.nOut();
            layers[i] = new Dense(l.nIn(), l.nOut(), off, matrix(params, off, l.nIn(), l.nOut()),
                    row(params, off + nW, l.nOut()), matrix(grads, off, l.nIn(), l.nOut()),
                    row(grads, off + nW, l.nOut()),
                    i < hidden.size() ? ActivationFunction.of(hidden.get(i)) : output(settings));
            off += nW + l.nOut();
        }
        set(initial);
    }

    /** The output layer's activation, or {@code null} for the identity (the loss then follows ŷ = z directly). */
    static ActivationFunction output(TrainingConfig settings) {
        return settings.outputActivation() == dev.minibatch.config.Activation.IDENTITY ? null
                : ActivationFunction.of(settings.outputActivation(), settings.outputActivation().defaultAlpha());
    }

    private static INDArray matrix(INDArray flat, int off, int rows, int cols) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(off, off + rows * cols))
                .reshape('f', rows, cols);
    }

    private static INDArray row(INDArray flat, int off, int n) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(off, off + n));
    }

    private void set(Parameters p) {
        List<Parameters.Layer> ls = p.layers();
        for (int i = 0; i < layers.length; i++) {
            layers[i].w().assign(NdArrays.matrix(ls.get(i).weights(), type));
            layers[i].b().assign(NdArrays.row(ls.get(i).bias(), type));
        }
    }

    /** @return the output layer. */
    final Dense output() {
        return layers[layers.length - 1];
    }

    @Override
    public final double step(int[] order, int start, int len, double rate, long iteration) {
        B buf = buffers(len);
        xTrain.gather(order, start, len, buf.x);
        yTrain.gather(order, start, len, buf.y);
        double penalty = penalty();                                // of W before the update, as DL4J scores
        double ss = update(buf, len, rate, iteration);
        return loss.value(ss, len, nTargets) + penalty;
    }

    /**
     * The kernel set's step on a gathered batch: forward, gradient, backward, regularization, the rule, θ −= update.
     *
     * @param buf the batch, gathered.
     * @param len its rows.
     * @param rate the learning rate.
     * @param iteration the iteration, from 0.
     * @return the batch's loss sum before the update: Σe², or a cross-entropy's score (its {@code value} divides).
     */
    abstract double update(B buf, int len, double rate, long iteration);

    /**
     * Allocates buffers for one batch length.
     *
     * @param rows the batch length.
     * @return the buffers.
     */
    abstract B newBuffers(int rows);

    /** @return the update rule's state arrays, copied, in double. */
    @Override
    public abstract double[][] optimizerState();

    /**
     * Sets the update rule's state from a checkpoint's, already checked for shape.
     *
     * @param state the state arrays.
     */
    abstract void setOptimizerState(double[][] state);

    /**
     * DL4J's regularization score, added to the batch loss as its {@code MultiLayerNetwork.score()} adds it: per
     * layer l1·‖W‖₁ + (l2·0.5)·‖W‖₂·‖W‖₂ with ND4J's own norms, the layers' scores summed from the input on.
     */
    private double penalty() {
        if (l1 == 0 && l2 == 0) {
            return 0.0;
        }
        double total = 0.0;
        for (Dense d : layers) {
            double p = 0.0;
            if (l1 != 0) {
                p += l1 * d.w().norm1Number().doubleValue();
            }
            if (l2 != 0) {
                double n2 = d.w().norm2Number().doubleValue();
                p += l2 * 0.5 * n2 * n2;
            }
            total += p;
        }
        return total;
    }

    @Override
    public final Parameters parameters() {
        List<Parameters.Layer> out = new ArrayList<>();
        for (Dense d : layers) {
            Parameters p = Parameters.of(d.w(), d.b());
            out.add(new Parameters.Layer(p.weights(), p.bias()));
        }
        return Parameters.ofLayers(out);
    }

    /** {@inheritDoc} The CPU kernel sets take the iteration with each step, so the count is not kept here. */
    @Override
    public final void restore(Parameters p, double[][] state, long stepsTaken) {
        if (!p.sameShape(parameters()) || state.length != rule.slots()) {
            throw new IllegalArgumentException("the checkpoint's model or optimizer state does not fit this run");
        }
        for (double[] s : state) {
            if (s.length != nParams) {
                throw new IllegalArgumentException("optimizer state of " + s.length + " values, expected " + nParams);
            }
        }
        set(p);
        setOptimizerState(state);
    }

    @Override
    public final INDArray predict(INDArray x) {
        return ActivationFunction.throughLayers(x, java.util.Arrays.stream(layers).map(d -> new INDArray[] {d.w(),
                d.b()}).toList(), java.util.Arrays.stream(layers).map(Dense::activation).toList());
    }

    private B buffers(int rows) {
        if (full == null || full.rows == rows) {
            if (full == null) {
                full = newBuffers(rows);
            }
            return full;
        }
        if (last == null || last.rows != rows) {
            last = newBuffers(rows);
        }
        return last;
    }

    /**
     * Reused arrays for one batch length (an epoch has at most two: the full one and the last, partial one): the
     * batch, and per hidden layer its pre-activations z, activations a, the column-major ε = W·δᵀ it receives, and its
     * δ; then the output's ŷ and its gradient g.
     */
    static class Buffers {
        final int rows;
        final int n;
        final INDArray x;
        final INDArray y;
        final INDArray[] z;
        final INDArray[] a;
        final INDArray[] epsT;
        final INDArray[] delta;
        final INDArray out;
        final INDArray g;
        /** With an output activation: ŷ = f(z) (and, for the HOST kernels, z row-major), and the output's δ. */
        final INDArray outA;
        final INDArray outZ;
        final INDArray outDelta;
        /** A cross-entropy's arrays for its step ({@code null} for the squared errors). */
        dev.minibatch.train.loss.CrossEntropyLoss.Batch xent;

        /**
         * Allocates the buffers.
         *
         * @param k the kernel set.
         * @param rows the batch length.
         * @param outOrder the memory order of ŷ = a·W ('c', or 'f' where the HOST kernels keep BLAS's own).
         */
        Buffers(CpuKernelSet<?> k, int rows, char outOrder) {
            this.rows = rows;
            n = rows * k.nTargets;
            DataType type = k.type;
            x = Nd4j.create(type, rows, k.nFeatures);
            y = Nd4j.create(type, rows, k.nTargets);
            int hidden = k.layers.length - 1;
            z = new INDArray[hidden];
            a = new INDArray[hidden];
            epsT = new INDArray[hidden];
            delta = new INDArray[hidden];
            for (int l = 0; l < hidden; l++) {
                int units = k.layers[l].nOut();
                z[l] = Nd4j.create(type, rows, units);
                a[l] = Nd4j.create(type, rows, units);
                epsT[l] = Nd4j.create(type, new long[] {units, rows}, 'f');
                delta[l] = Nd4j.create(type, rows, units);
            }
            out = Nd4j.create(type, new long[] {rows, k.nTargets}, outOrder);
            g = Nd4j.create(type, rows, k.nTargets);
            boolean act = k.output().activation() != null;
            outA = act ? Nd4j.create(type, rows, k.nTargets) : null;
            outZ = act ? Nd4j.create(type, rows, k.nTargets) : null;
            outDelta = act ? Nd4j.create(type, rows, k.nTargets) : null;
        }

        /**
         * The input of a layer: the batch's features for the first, the activations below it otherwise.
         *
         * @param layer the layer's index.
         * @return its input.
         */
        final INDArray input(int layer) {
            return layer == 0 ? x : a[layer - 1];
        }
    }
}
