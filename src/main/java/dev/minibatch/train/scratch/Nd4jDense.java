package dev.minibatch.train.scratch;

import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J kernel set's dense layer, as DL4J's {@code DenseLayer} computes it: z = a·W by {@code mmuli} into a
 * row-major array, z += b by {@code addiRowVector}, a = f(z) by the activation's op; backward ∇W = aᵀδ by
 * {@code gemm}, ∇b = Σδ by a column sum and ε = (W·δᵀ)ᵀ into a column-major array, as DL4J allocates it; a hidden
 * layer's δ = f'(z) ⊙ ε. Stateless: the arrays are the batch's ({@link CpuKernelSet.Buffers}).
 */
final class Nd4jDense {
    private final Level1 blas = Nd4j.getBlasWrapper().level1();
    private final CpuKernelSet.Dense layer;
    private final int index;

    /**
     * The kernel of one layer.
     *
     * @param layer the layer's views in the flat buffers.
     * @param index its index; the first reads the batch's features.
     */
    Nd4jDense(CpuKernelSet.Dense layer, int index) {
        this.layer = layer;
        this.index = index;
    }

    /**
     * A hidden layer's forward: z = a·W + b, a = f(z).
     *
     * @param buf the batch.
     */
    void forward(CpuKernelSet.Buffers buf) {
        product(buf, buf.z[index]);
        blas.copy(buf.z[index], buf.a[index]);                     // exact; DL4J recomputes z for backprop
        layer.activation().forward(buf.a[index]);
    }

    /**
     * z = a·W + b into an array.
     *
     * @param buf the batch.
     * @param z the row-major result (the output layer's ŷ for the output layer).
     */
    void product(CpuKernelSet.Buffers buf, INDArray z) {
        buf.input(index).mmuli(layer.w(), z).addiRowVector(layer.b());
    }

    /**
     * The layer's backward from its δ: ∇W = aᵀδ, ∇b = Σδ, and ε = (W·δᵀ)ᵀ into the layer below's ε.
     *
     * @param buf the batch.
     * @param delta the layer's δ, row-major m × n_out.
     */
    void backward(CpuKernelSet.Buffers buf, INDArray delta) {
        Nd4j.gemm(buf.input(index), delta, layer.gw(), true, false, 1.0, 0.0);
        delta.sum(layer.gb(), 0);
        if (index > 0) {
            layer.w().mmuli(delta.transpose(), buf.epsT[index - 1]);
        }
    }

    /**
     * A hidden layer's δ = f'(z) ⊙ ε from the ε the layer above wrote.
     *
     * @param buf the batch.
     * @return δ.
     */
    INDArray delta(CpuKernelSet.Buffers buf) {
        layer.activation().backward(buf.z[index], buf.epsT[index].transpose(), buf.delta[index]);
        return buf.delta[index];
    }
}
