package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.LayerSpec;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.cuda.Device;
import dev.minibatch.cuda.KernelArgs;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Parameters;
import dev.minibatch.data.Rows;
import dev.minibatch.train.activation.ActivationFunction;
import dev.minibatch.train.loss.LossFunction;
import dev.minibatch.train.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CUDA kernel set: the scratch trainer's step on a GPU, the same maths as {@link HostKernels}
 * ({@code src/main/cuda/kernels.cu}). For the linear model a batch is four launches — forward, batch_loss,
 * grad_partial, update; a network adds per hidden layer dense_forward before them, penalty after batch_loss,
 * grad_partial and backprop_hidden on the way back, and one update per layer. The training rows are copied to the
 * GPU once and stay there; each epoch copies its row order up and, at its end, the batch losses down; nothing is
 * copied per step. The update rule's per-step scalars come from {@link UpdateRule#prepare}, so the bias correction
 * is computed exactly as on the CPU; the rule, the loss and the activations are passed to the kernels by their
 * numbers ({@link UpdateRule#cudaCode}, {@link LossFunction#cudaCode}, {@link ActivationFunction#cudaCode}); the
 * element-wise steps round as the CPU does; the sums (a·W, aᵀδ, Σδ, W·δᵀ) add in another order and the activations
 * are CUDA's own tanh and exp, which is why the kernel sets agree to a tolerance on a GPU, not to the bit
 * (docs/GPU.md).
 */
final class CudaKernels implements KernelSet {
    /** The row lanes of a block of forward and grad_partial, whose 32 lanes stride the features (kernels.cu's). */
    private static final int ROWS_PER_BLOCK = 8;
    private static final int WARP = 32;
    /** The rows one split of grad_partial sums, at least; more splits spread a large batch over the GPU. */
    private static final int SPLIT_ROWS = 256;
    private static final int MAX_SPLITS = 128;

    private final Device dev;
    private final int rows;
    private final int n;
    private final int k;
    private final int nParams;
    private final int elem;
    private final DataType type;
    private final UpdateRule rule;
    private final int slots;
    private final double l1;
    private final double l2;
    private final List<Layer> layers = new ArrayList<>();
    private final long x;
    private final long y;
    private final long order;
    private final long e;
    private final long g;
    private final long p;
    private final long[] state = new long[3];
    private final long losses;
    private final int lossSlots;
    /** The largest batch the buffers hold. */
    private final int maxBatch;
    private final long memoryUsed;
    private double kernelSeconds;
    private final Object forward;
    private final Object batchLoss;
    private final Object gradPartial;
    private final Object update;
    private final Object denseForward;
    private final Object backpropHidden;
    private final Object penalty;
    private final KernelArgs forwardArgs = new KernelArgs(14);
    private final KernelArgs lossArgs = new KernelArgs(10);
    /** The parameters copied from the GPU since the last update, layer by layer (W column-major, b); stale: null. */
    private double[] current;
    private final IntPointer hostOrder;
    private final DoublePointer hostLosses;
    /** Every device buffer, in allocation order, so that a failed constructor gives them back. */
    private final List<Long> allocated = new ArrayList<>();
    private final List<KernelArgs> args = new ArrayList<>();

    /**
     * One dense layer on the GPU: its shape, its place in the parameters, its buffers and its launches' arguments.
     * A hidden layer has z, a and its δ; the output layer's are e and g.
     */
    private static final class Layer {
        int nIn;
        int nOut;
        long offset;
        ActivationFunction activation;
        long z;
        long a;
        long delta;
        long part;
        KernelArgs dense;
        KernelArgs grad;
        KernelArgs upd;
        KernelArgs back;
        KernelArgs pen;
    }

    /**
     * Copies the training rows and the initial parameters to the GPU and allocates every buffer.
     *
     * @param dev the GPU.
     * @param xTrain the training features.
     * @param yTrain the training targets.
     * @param initial the initial parameters.
     * @param settings the loss, optimizer, regularization, hidden layers and data type.
     * @param plan the batch plan (the largest batch and the batches per epoch size the buffers).
     */
    CudaKernels(Device dev, Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings, BatchPlan plan) {
        this.dev = dev;
        this.rows = xTrain.rows();
        this.n = initial.nFeatures();
        this.k = initial.nTargets();
        this.nParams = (int) initial.count();
        this.type = NdArrays.dataType(settings.precision());
        this.elem = type == DataType.FLOAT ? 4 : 8;
        this.rule = UpdateRule.of(settings.optimizer(), type);
        this.slots = rule.slots();
        int lossCode = LossFunction.of(settings.loss()).cudaCode();
        this.l1 = settings.l1();
        this.l2 = settings.l2();
        List<LayerSpec> hidden = settings.hiddenLayers();
        List<Parameters.Layer> shape = initial.layers();
        if (shape.size() != hidden.size() + 1) {
            throw new IllegalArgumentException("the initial parameters have " + shape.size() + " layers, the settings "
                    + (hidden.size() + 1));
        }
        String sfx = type == DataType.FLOAT ? "_f32" : "_f64";
        long before = dev.memoryInUse();
        try {
            maxBatch = Math.min(rows, plan.batchLength(0));
            int maxSplits = splits(maxBatch);
            lossSlots = plan.batchesPerEpoch();
            x = alloc((long) rows * n * elem);
            y = alloc((long) rows * k * elem);
            order = alloc(4L * rows);
            e = alloc((long) maxBatch * k * elem);
            g = alloc((long) maxBatch * k * elem);
            p = alloc((long) nParams * elem);
            for (int s = 0; s < slots; s++) {
                state[s] = alloc((long) nParams * elem);
            }
            losses = alloc(8L * lossSlots);
            long off = 0;
            for (int l = 0; l < shape.size(); l++) {
                Layer layer = new Layer();
                layer.nIn = shape.get(l).nIn();
                layer.nOut = shape.get(l).nOut();
                layer.offset = off;
                off += (long) layer.nIn * layer.nOut + layer.nOut;
                layer.part = alloc((long) maxSplits * layer.nOut * (layer.nIn + 1) * elem);
                if (l < hidden.size()) {
                    layer.activation = ActivationFunction.of(hidden.get(l));
                    layer.z = alloc((long) maxBatch * layer.nOut * elem);
                    layer.a = alloc((long) maxBatch * layer.nOut * elem);
                    layer.delta = alloc((long) maxBatch * layer.nOut * elem);
                }
                layers.add(layer);
            }
            memoryUsed = dev.memoryInUse() - before;
            hostOrder = new IntPointer(rows);
            hostLosses = new DoublePointer(lossSlots);
            uploadRows(xTrain, x);
            uploadRows(yTrain, y);
            setParameters(initial);
            double[][] st = rule.newState(nParams);
            for (int s = 0; s < slots; s++) {
                uploadValues(st[s], state[s]);
            }
            forward = dev.kernel("forward" + sfx);
            batchLoss = dev.kernel("batch_loss" + sfx);
            gradPartial = dev.kernel("grad_partial" + sfx);
            update = dev.kernel("update" + sfx);
            boolean network = !hidden.isEmpty();     // hidden layers (an output activation alone needs none)
            denseForward = network ? dev.kernel("dense_forward" + sfx) : null;
            backpropHidden = network ? dev.kernel("backprop_hidden" + sfx) : null;
            penalty = network ? dev.kernel("penalty" + sfx) : null;
            Layer out = layers.get(layers.size() - 1);
            long outW = p + out.offset * elem;
            long outIn = network ? layers.get(layers.size() - 2).a : x;
            forwardArgs.address(0, outIn).address(1, y).address(2, order).i32(5, out.nIn).i32(6, k).address(7, outW)
                    .address(8, e).address(9, g).i32(10, lossCode).i32(11, network ? 1 : 0);
            ActivationFunction outAct = CpuKernelSet.output(settings);
            out.activation = outAct;
            forwardArgs.i32(12, outAct == null ? 0 : outAct.cudaCode()).f64(13, outAct == null ? 0 : outAct.alpha());
            lossArgs.address(0, e).i32(2, k).address(3, outW).i32(4, out.nIn * k).f64(5, l1).f64(6, l2)
                    .i32(7, lossCode).address(8, losses);
            double[] c = rule.cudaConstants();
            for (int l = 0; l < layers.size(); l++) {
                Layer layer = layers.get(l);
                long w = p + layer.offset * elem;
                long input = l == 0 ? x : layers.get(l - 1).a;
                long delta = l == layers.size() - 1 ? g : layer.delta;
                layer.grad = newArgs(10).address(0, input).address(1, order).i32(4, layer.nIn).i32(5, layer.nOut)
                        .address(6, delta).address(7, layer.part).i32(9, l == 0 ? 0 : 1);
                layer.upd = newArgs(19).address(0, layer.part).i32(3, layer.nIn).i32(4, layer.nOut).address(5, w)
                        .address(6, state[0] + layer.offset * elem).address(7, state[1] + layer.offset * elem)
                        .address(8, state[2] + layer.offset * elem).i32(9, rule.cudaCode()).f64(10, l1).f64(11, l2);
                for (int i = 0; i < 5; i++) {
                    layer.upd.f64(12 + i, c[i]);
                }
                if (l < layers.size() - 1) {                  // a hidden layer
                    layer.dense = newArgs(13).address(0, input).address(1, order).i32(4, layer.nIn)
                            .i32(5, layer.nOut).address(6, w).address(7, w + (long) layer.nIn * layer.nOut * elem)
                            .address(8, layer.z).address(9, layer.a).i32(10, layer.activation.cudaCode())
                            .f64(11, layer.activation.alpha()).i32(12, l == 0 ? 0 : 1);
                    layer.pen = newArgs(6).address(0, w).i32(1, layer.nIn * layer.nOut).f64(2, l1).f64(3, l2)
                            .address(4, losses);
                }
                if (l > 0) {                                  // δ of the layer below, from this one's δ and W
                    Layer below = layers.get(l - 1);
                    layer.back = newArgs(9).address(0, delta).i32(2, layer.nOut).i32(3, layer.nIn).address(4, w)
                            .address(5, below.z).address(6, below.delta).i32(7, below.activation.cudaCode())
                            .f64(8, below.activation.alpha());
                }
            }
        } catch (RuntimeException failed) {   // e.g. the GPU ran out of memory: give back what was taken
            allocated.forEach(dev::free);
            close(false);
            throw failed;
        }
    }

    private KernelArgs newArgs(int count) {
        KernelArgs a = new KernelArgs(count);
        args.add(a);
        return a;
    }

    private long alloc(long bytes) {
        long a = dev.alloc(bytes);
        allocated.add(a);
        return a;
    }

    /** {@inheritDoc} The GPU's name and the memory this run holds on it (data, buffers, parameters and state). */
    @Override
    public String device() {
        return dev.description() + "; " + (memoryUsed < 1 << 20
                ? String.format(java.util.Locale.ROOT, "%.1f KiB", memoryUsed / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", memoryUsed / 1048576.0)) + " of GPU memory for this run";
    }

    /** {@inheritDoc} Measured by the GPU, between CUDA events around each epoch's launches. */
    @Override
    public double kernelSeconds() {
        return kernelSeconds;
    }

    /** {@inheritDoc} One batch's launches, and its loss copied back. */
    @Override
    public double step(int[] rowOrder, int start, int len, double rate, long iteration) {
        if (len > maxBatch) {
            throw new IllegalArgumentException("a batch of " + len + " rows; the buffers hold " + maxBatch);
        }
        upload(rowOrder);
        launch(start, len, 0, rate, iteration);
        dev.download(hostLosses, losses, 8L);
        return hostLosses.get(0);
    }

    /** {@inheritDoc} All of the epoch's launches on one stream; the losses copied back once, at the end. */
    @Override
    public void epoch(int[] rowOrder, BatchPlan plan, double[] rates, long firstIteration, double[] batchLosses) {
        upload(rowOrder);
        int batches = plan.batchesPerEpoch();
        Object mark = dev.mark();
        try {
            for (int b = 0; b < batches; b++) {
                launch(plan.batchStart(b), plan.batchLength(b), b, rates[b], firstIteration + b);
            }
        } catch (RuntimeException launchFailed) {
            try {
                dev.secondsSince(mark);              // releases the mark; the launch's error is the news
            } catch (RuntimeException also) {
                launchFailed.addSuppressed(also);
            }
            throw launchFailed;
        }
        kernelSeconds += dev.secondsSince(mark);
        dev.download(hostLosses, losses, 8L * batches);
        hostLosses.get(batchLosses, 0, batches);
    }

    private void upload(int[] rowOrder) {
        dev.bind();
        current = null;
        hostOrder.put(rowOrder, 0, rows);
        dev.upload(order, hostOrder, 4L * rows);
    }

    /**
     * One batch's launches: the hidden layers forward, the output's e and g, the loss into slot {@code slot} (with
     * every layer's penalty), each layer's partial gradients and the δ below it, then each layer's update.
     */
    private void launch(int start, int m, int slot, double rate, long iteration) {
        int last = layers.size() - 1;
        for (int l = 0; l < last; l++) {
            Layer layer = layers.get(l);
            layer.dense.i32(2, start).i32(3, m);
            dev.launch(denseForward, (layer.nOut + WARP - 1) / WARP, (m + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK, 1,
                    WARP, ROWS_PER_BLOCK, layer.dense);
        }
        forwardArgs.i32(3, start).i32(4, m);
        dev.launch(forward, (m + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK, 1, 1, WARP, ROWS_PER_BLOCK, forwardArgs);
        lossArgs.i32(1, m).i32(9, slot);
        dev.launch(batchLoss, 1, 1, 1, 256, 1, lossArgs);
        if (l1 != 0 || l2 != 0) {
            for (int l = 0; l < last; l++) {
                dev.launch(penalty, 1, 1, 1, 256, 1, layers.get(l).pen.i32(5, slot));
            }
        }
        int splits = splits(m);
        int perSplit = (m + splits - 1) / splits;
        splits = (m + perSplit - 1) / perSplit;
        for (int l = last; l >= 0; l--) {
            Layer layer = layers.get(l);
            layer.grad.i32(2, start).i32(3, m).i32(8, perSplit);
            dev.launch(gradPartial, (layer.nIn + 1 + WARP - 1) / WARP, splits, layer.nOut, WARP, ROWS_PER_BLOCK,
                    layer.grad);
            if (l > 0) {
                layer.back.i32(1, m);
                dev.launch(backpropHidden, (layer.nIn + WARP - 1) / WARP, (m + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK, 1,
                        WARP, ROWS_PER_BLOCK, layer.back);
            }
        }
        rule.prepare(rate, iteration);
        for (Layer layer : layers) {
            layer.upd.i32(1, splits).i32(2, m).f64(17, rule.cudaScalar(0)).f64(18, rule.cudaScalar(1));
            dev.launch(update, ((int) ((long) layer.nIn * layer.nOut + layer.nOut) + 127) / 128, 1, 1, 128, 1,
                    layer.upd);
        }
    }

    /**
     * {@inheritDoc} Copied from the GPU once per epoch: the epoch's record asks for them, and its losses predict block
     * by block, many times.
     */
    @Override
    public Parameters parameters() {
        if (current == null) {
            current = downloadValues(p, nParams);
        }
        double[] v = current;
        List<Parameters.Layer> out = new ArrayList<>();
        for (Layer layer : layers) {
            int off = (int) layer.offset;
            double[][] w = new double[layer.nIn][layer.nOut];
            double[] b = new double[layer.nOut];
            for (int j = 0; j < layer.nOut; j++) {
                for (int f = 0; f < layer.nIn; f++) {
                    w[f][j] = v[off + j * layer.nIn + f];   // W is column-major on the GPU, as DL4J lays it out
                }
                b[j] = v[off + layer.nIn * layer.nOut + j];
            }
            out.add(new Parameters.Layer(w, b));
        }
        return Parameters.ofLayers(out);
    }

    @Override
    public double[][] optimizerState() {
        double[][] out = new double[slots][];
        for (int s = 0; s < slots; s++) {
            out[s] = downloadValues(state[s], nParams);
        }
        return out;
    }

    /** {@inheritDoc} The step count travels with each launch, so it is not kept here. */
    @Override
    public void restore(Parameters params, double[][] saved, long stepsTaken) {
        if (!params.sameShape(parameters()) || saved.length != slots) {
            throw new IllegalArgumentException("the checkpoint's model or optimizer state does not fit this run");
        }
        setParameters(params);
        for (int s = 0; s < slots; s++) {
            if (saved[s].length != nParams) {
                throw new IllegalArgumentException("optimizer state of " + saved[s].length + " values, expected "
                        + nParams);
            }
            uploadValues(saved[s], state[s]);
        }
    }

    /** {@inheritDoc} On the CPU, through ND4J, with the parameters of {@link #parameters()}. */
    @Override
    public INDArray predict(INDArray in) {
        return ActivationFunction.throughLayers(in, parameters().layers().stream().map(l -> new INDArray[] {
            NdArrays.matrix(l.weights(), in.dataType()), NdArrays.row(l.bias(), in.dataType())}).toList(),
                layers.stream().map(l -> l.activation).toList());
    }

    private void setParameters(Parameters params) {
        current = null;
        double[] v = new double[nParams];
        List<Parameters.Layer> ls = params.layers();
        int off = 0;
        for (Parameters.Layer layer : ls) {
            for (int j = 0; j < layer.nOut(); j++) {
                for (int f = 0; f < layer.nIn(); f++) {
                    v[off + j * layer.nIn() + f] = layer.weights()[f][j];
                }
                v[off + layer.nIn() * layer.nOut() + j] = layer.bias()[j];
            }
            off += layer.nIn() * layer.nOut() + layer.nOut();
        }
        uploadValues(v, p);
    }

    /** Splits of grad_partial for a batch of m rows. */
    private static int splits(int m) {
        return Math.max(1, Math.min(MAX_SPLITS, (m + SPLIT_ROWS - 1) / SPLIT_ROWS));
    }

    /** Copies rows to the GPU in blocks, through one host buffer. */
    private void uploadRows(Rows src, long dst) {
        int cols = src.columns();
        int block = Math.min(NdDataset.BLOCK, Math.max(1, src.rows()));
        INDArray buf = Nd4j.create(type, block, cols);
        for (int from = 0; from < src.rows(); from += block) {
            int len = Math.min(block, src.rows() - from);
            INDArray view = len == block ? buf : Nd4j.create(type, len, cols);
            src.copy(from, len, view);
            dev.upload(dst + (long) from * cols * elem, view.data().addressPointer(), (long) len * cols * elem);
        }
    }

    private void uploadValues(double[] v, long dst) {
        INDArray host = NdArrays.row(v, type);       // in the data type, rounded as the CPU kernels round
        dev.upload(dst, host.data().addressPointer(), (long) v.length * elem);
    }

    private double[] downloadValues(long src, int count) {
        INDArray host = Nd4j.create(type, 1, count);
        dev.download(host.data().addressPointer(), src, (long) count * elem);
        return host.toDoubleVector();                  // exact: every float is a double
    }

    @Override
    public void close() {
        close(true);
    }

    private void close(boolean buffers) {
        if (buffers) {
            allocated.forEach(dev::free);
        }
        allocated.clear();
        for (org.bytedeco.javacpp.Pointer host : new org.bytedeco.javacpp.Pointer[] {hostOrder, hostLosses}) {
            if (host != null) {
                host.close();
            }
        }
        lossArgs.close();
        forwardArgs.close();
        args.forEach(KernelArgs::close);
        args.clear();
    }
}
