package dev.minibatch.train.scratch;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ddot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sdot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * The host memory of a CPU-backend ND4J array (not a view), read and written as doubles, with direct calls into the
 * OpenBLAS library that ND4J loaded. The memory stays the array's: whoever makes a HostArray keeps the array
 * reachable for as long as the HostArray is used (a collected array frees it).
 *
 * <p>A FLOAT array rounds every stored value to float. One +, −, × or ÷ of two floats computed in double and then
 * rounded to float gives exactly the float operation's result (double has 53 ≥ 2·24 + 2 significand bits), so a
 * loop that rounds after each operation reproduces libnd4j's float arithmetic bit for bit.
 */
abstract sealed class HostArray implements dev.minibatch.train.loss.HostValues permits HostArray.F64, HostArray.F32 {

    /**
     * Wraps an array's host memory.
     *
     * @param array a DOUBLE or FLOAT array that owns its buffer from offset 0.
     * @return the wrapper.
     */
    static HostArray of(INDArray array) {
        if (array.isView() || array.offset() != 0) {
            throw new IllegalArgumentException("a host array must own its buffer, not be a view");
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new F64(array);
        }
        if (array.dataType() == DataType.FLOAT) {
            return new F32(array);
        }
        throw new IllegalArgumentException("host kernels take DOUBLE or FLOAT, not " + array.dataType());
    }

    /**
     * The same memory from an element on: index 0 of the result is element {@code offset} of this one, and its
     * BLAS calls start there (a layer's W or b inside the flat parameter buffer).
     *
     * @param offset the first element.
     * @return the view.
     */
    abstract HostArray at(int offset);

    /**
     * Reads an element.
     *
     * @param i the index into the buffer.
     * @return the element as a double (exact).
     */
    public abstract double get(int i);

    /**
     * Writes an element, rounded to the array's type.
     *
     * @param i the index into the buffer.
     * @param v the value.
     */
    public abstract void set(int i, double v);

    /**
     * Rounds a value to the array's type.
     *
     * @param v the value.
     * @return v for DOUBLE, v rounded to the nearest float for FLOAT.
     */
    public abstract double round(double v);

    /**
     * Calls OpenBLAS's {@code cblas_?gemm}: c = a·b in the layout the call describes (alpha 1, beta 0).
     *
     * @param call the arguments.
     * @param a the first factor's array.
     * @param b the second factor's array, of this type.
     * @param c the result's array, of this type.
     */
    abstract void gemm(GemmCall call, HostArray a, HostArray b, HostArray c);

    /**
     * Calls OpenBLAS's {@code cblas_?dot} of the first n elements with themselves, as ND4J's Level1 {@code dot} does.
     *
     * @param n the element count.
     * @return Σ v².
     */
    abstract double dotSelf(int n);

    /** A DOUBLE array. */
    static final class F64 extends HostArray {
        private final DoubleBuffer buf;
        private final DoublePointer ptr;

        F64(INDArray array) {
            this(array.data().asNioDouble(), (DoublePointer) array.data().addressPointer());
        }

        private F64(DoubleBuffer buf, DoublePointer ptr) {
            this.buf = buf;
            this.ptr = ptr;
        }

        @Override
        HostArray at(int offset) {
            return new F64(buf.duplicate().position(offset).slice(), new DoublePointer(ptr).position(
                    ptr.position() + offset));
        }

        @Override
        public double get(int i) {
            return buf.get(i);
        }

        @Override
        public void set(int i, double v) {
            buf.put(i, v);
        }

        @Override
        public double round(double v) {
            return v;
        }

        @Override
        void gemm(GemmCall c, HostArray a, HostArray b, HostArray out) {
            cblas_dgemm(c.order(), c.transA(), c.transB(), c.m(), c.n(), c.k(), 1.0, ((F64) a).ptr, c.lda(),
                    ((F64) b).ptr, c.ldb(), 0.0, ((F64) out).ptr, c.ldc());
        }

        @Override
        double dotSelf(int n) {
            return cblas_ddot(n, ptr, 1, ptr, 1);
        }
    }

    /** A FLOAT array. */
    static final class F32 extends HostArray {
        private final FloatBuffer buf;
        private final FloatPointer ptr;

        F32(INDArray array) {
            this(array.data().asNioFloat(), (FloatPointer) array.data().addressPointer());
        }

        private F32(FloatBuffer buf, FloatPointer ptr) {
            this.buf = buf;
            this.ptr = ptr;
        }

        @Override
        HostArray at(int offset) {
            return new F32(buf.duplicate().position(offset).slice(), new FloatPointer(ptr).position(
                    ptr.position() + offset));
        }

        @Override
        public double get(int i) {
            return buf.get(i);
        }

        @Override
        public void set(int i, double v) {
            buf.put(i, (float) v);
        }

        @Override
        public double round(double v) {
            return (float) v;
        }

        @Override
        void gemm(GemmCall c, HostArray a, HostArray b, HostArray out) {
            cblas_sgemm(c.order(), c.transA(), c.transB(), c.m(), c.n(), c.k(), 1f, ((F32) a).ptr, c.lda(),
                    ((F32) b).ptr, c.ldb(), 0f, ((F32) out).ptr, c.ldc());
        }

        @Override
        double dotSelf(int n) {
            return cblas_sdot(n, ptr, 1, ptr, 1);
        }
    }
}
