package dev.minibatch.train.scratch;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The HOST kernel set's dense layer, bound to one batch length: z = a·W + b and a = f(z) forward; ∇W = aᵀδ,
 * ∇b = Σδ and ε = W·δᵀ for the layer below on the way back; δ = f'(z) ⊙ ε when it is a hidden layer. Its three
 * products are the OpenBLAS calls libnd4j makes for them ({@link GemmCall}); z += b and Σδ are Java loops in
 * libnd4j's order; the activation and its derivative are libnd4j's own ops. The output layer uses its product and
 * its backward; its z, loss and δ are the kernel set's.
 */
final class HostDense {
    private final CpuKernelSet.Dense layer;
    private final HostArray params;
    private final HostArray grads;
    private final HostArray in;
    private final HostArray w;
    private final HostArray gw;
    /** The column-major a·W this layer's product writes (the output layer's ŷ for the output layer). */
    private final HostArray product;
    private final GemmCall forward;
    private final GemmCall backward;
    /** ε = W·δᵀ into the layer below's ε ({@code null} for the first layer). */
    private final GemmCall epsilon;
    private final HostArray below;
    // A hidden layer's own arrays ({@code null} for the output layer): z, a, the ε it receives, its δ.
    private final HostArray z;
    private final HostArray a;
    private final INDArray zNd;
    private final INDArray aNd;
    private final INDArray epsNd;
    private final INDArray deltaNd;
    private final HostArray delta;

    /**
     * Binds layer {@code l} to a batch's buffers.
     *
     * @param k the kernel set.
     * @param b the batch's buffers.
     * @param l the layer's index; the last is the output layer.
     * @param hostParams the flat parameters, on the host.
     * @param hostGrads the flat gradients, on the host.
     */
    HostDense(CpuKernelSet<?> k, HostKernels.Batch b, int l, HostArray hostParams, HostArray hostGrads) {
        layer = k.layers[l];
        params = hostParams;
        grads = hostGrads;
        int hidden = k.layers.length - 1;
        boolean out = l == hidden;
        INDArray input = b.input(l);
        in = l == 0 ? HostArray.of(b.x) : b.hostA(l - 1);
        w = hostParams.at(layer.offset());
        gw = hostGrads.at(layer.offset());
        INDArray productNd = out ? b.out : Nd4j.create(k.type, new long[] {b.rows, layer.nOut()}, 'f');
        b.keep(productNd);                                         // HostArray's memory belongs to its array
        product = HostArray.of(productNd);
        forward = GemmCall.of(b.rows, layer.nIn(), layer.nOut(), input.stride(), layer.w().stride(),
                productNd.stride());
        long[] inT = {input.stride(1), input.stride(0)};
        long[] dl = (out ? b.g : b.delta[l]).stride();             // δ: row-major m × n_out
        backward = GemmCall.of(layer.nIn(), b.rows, layer.nOut(), inT, dl, layer.gw().stride());
        if (l > 0) {
            long[] deltaT = {dl[1], dl[0]};
            epsilon = GemmCall.of(layer.nIn(), layer.nOut(), b.rows, layer.w().stride(), deltaT,
                    b.epsT[l - 1].stride());
            below = HostArray.of(b.epsT[l - 1]);
        } else {
            epsilon = null;
            below = null;
        }
        zNd = out ? null : b.z[l];
        aNd = out ? null : b.a[l];
        epsNd = out ? null : b.epsT[l];
        deltaNd = out ? null : b.delta[l];
        z = out ? null : HostArray.of(zNd);
        a = out ? null : b.hostA(l);
        delta = out ? null : HostArray.of(deltaNd);
    }

    /**
     * Computes a·W into the layer's column-major product.
     *
     * @return the product (m × n_out, column-major).
     */
    HostArray product() {
        product.gemm(forward, in, w, product);
        return product;
    }

    /**
     * A hidden layer's forward: z = a·W + b, row-major, then a = f(z) by libnd4j's op.
     *
     * @param len the batch's rows.
     */
    void forward(int len) {
        HostArray tmp = product();
        int units = layer.nOut();
        int bOff = layer.biasOffset();
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < units; j++) {
                double v = z.round(tmp.get(j * len + i) + params.get(bOff + j));  // z += b, row-major
                z.set(i * units + j, v);
                a.set(i * units + j, v);
            }
        }
        layer.activation().forward(aNd);                           // libnd4j's op, in place
    }

    /**
     * The layer's backward from its δ: ∇W = aᵀδ, ∇b = Σδ (row by row from 0, as libnd4j sums), and ε = W·δᵀ into
     * the layer below's ε.
     *
     * @param len the batch's rows.
     * @param d the layer's δ, row-major m × n_out.
     */
    void backward(int len, HostArray d) {
        gw.gemm(backward, in, d, gw);
        int units = layer.nOut();
        int bOff = layer.biasOffset();
        for (int j = 0; j < units; j++) {
            double s = 0.0;
            for (int i = 0; i < len; i++) {
                s = grads.round(s + d.get(i * units + j));
            }
            grads.set(bOff + j, s);
        }
        if (epsilon != null) {
            below.gemm(epsilon, w, d, below);                      // W·δᵀ
        }
    }

    /**
     * A hidden layer's δ = f'(z) ⊙ ε from the ε the layer above wrote, by libnd4j's op.
     *
     * @return δ, row-major m × n_out.
     */
    HostArray delta() {
        layer.activation().backward(zNd, epsNd.transpose(), deltaNd);
        return delta;
    }
}
