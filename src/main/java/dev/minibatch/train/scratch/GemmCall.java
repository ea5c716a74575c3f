package dev.minibatch.train.scratch;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

/**
 * The arguments of one {@code cblas_?gemm} call for C (M×N) = A (M×K) · B (K×N), derived from the three arrays'
 * strides exactly as libnd4j's {@code MmulHelper::mmulMxM} derives them before it calls OpenBLAS — which is what
 * ND4J's {@code mmul}, {@code gemm} and the BLAS wrapper's {@code gemv}/{@code gemm} all end in on the CPU backend.
 * Same routine, same arguments, same library: same bits. (libnd4j copies an operand with neither of its dimensions
 * contiguous first; the scratch trainer's layouts never need that, so such strides are refused.)
 *
 * @param order {@code CblasColMajor} or {@code CblasRowMajor}.
 * @param transA {@code CblasTrans} or {@code CblasNoTrans} for A.
 * @param transB the same for B.
 * @param m rows of C.
 * @param n columns of C.
 * @param k the inner dimension.
 * @param lda A's leading dimension.
 * @param ldb B's leading dimension.
 * @param ldc C's leading dimension.
 */
record GemmCall(int order, int transA, int transB, int m, int n, int k, int lda, int ldb, int ldc) {

    /**
     * Derives the call as libnd4j does.
     *
     * @param m rows of A and C.
     * @param k columns of A, rows of B.
     * @param n columns of B and C.
     * @param a A's two strides, in elements.
     * @param b B's two strides.
     * @param c C's two strides.
     * @return the call.
     */
    static GemmCall of(int m, int k, int n, long[] a, long[] b, long[] c) {
        boolean aMcont = m == 1 || a[0] == 1;
        boolean aKcont = k == 1 || a[1] == 1;
        boolean bKcont = k == 1 || b[0] == 1;
        boolean bNcont = n == 1 || b[1] == 1;
        boolean cMcont = m == 1 || c[0] == 1;
        boolean cNcont = n == 1 || c[1] == 1;
        if (!aMcont && !aKcont || !bKcont && !bNcont || !cMcont && !cNcont) {
            throw new IllegalArgumentException("an operand with no contiguous dimension: libnd4j would copy it");
        }
        boolean transA = aMcont != cMcont;
        boolean transB = bKcont != cMcont;
        long lda = aMcont && aKcont ? m : !aMcont ? a[0] : a[1];
        long ldb = bKcont && bNcont ? k : !bKcont ? b[0] : b[1];
        long ldc = cMcont && cNcont ? m : !cMcont ? c[0] : c[1];
        return new GemmCall(cMcont ? CblasColMajor : CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, m, n, k, Math.toIntExact(lda), Math.toIntExact(ldb),
                Math.toIntExact(ldc));
    }
}
