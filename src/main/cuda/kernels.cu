// The CUDA kernel set of minibatch's scratch trainer: one mini-batch step of the linear model is four launches on
// one stream,
//   forward      e = x·W + b − y and g = ∂loss/∂out for the batch's rows, read through the epoch's row order
//                (a cross-entropy: e = each output's negative log-likelihood, g = ∂loss/∂z)
//   batch_loss   the batch's loss before the update (Σe² or Σe, and DL4J's l1/l2 score of W), into a per-epoch array
//   grad_partial ∇ = xᵀg (and Σg for the bias) as per-split partial sums, in a fixed order
//   update       ∇ /= m, l1/l2, the update rule, θ −= update: one thread per parameter
// A network adds, per hidden layer, dense_forward (z = a·W + b, a = f(z)) before forward, penalty (its W's
// l1/l2 score) after batch_loss, and backprop_hidden (δ = f'(z) ⊙ (W·δᵀ)ᵀ) between the layers' grad_partial;
// forward and grad_partial then read the layer's input rows in order (contiguous = 1) instead of through the
// epoch's order, and update runs once per layer, on the layer's slice of the parameters and state.
// Nothing is copied back per step. The data stays on the GPU for the whole run; a batch is never gathered into a
// copy, its rows are read through the order.
//
// Compiled to PTX for compute_75 (every GPU CUDA 13 supports, and newer ones through the driver's JIT) by
// scripts/cuda-ptx, with -fmad=false: no multiply-add is contracted, so the element-wise steps round once per
// operation, as the HOST kernels and libnd4j do (only the sums, in another order, differ). Explicit fma() is used
// where a sum of products is accumulated. The rule formulas are those of train/rule/*Rule.java, which
// document each one against libnd4j's updater ops; the per-step scalars (bias-corrected rates) are computed there
// on the host and passed in.

// The numbers of the update rules and losses, as train/rule/*Rule.java's cudaCode() and train/loss/*Loss.java's
// cudaCode() give them (KernelCodesTest holds the two sides equal).
enum Rule { SGD = 0, NESTEROVS, ADAM, ADAMAX, NADAM, AMSGRAD, RMSPROP, ADAGRAD, ADADELTA };
enum Loss { HALF_MSE = 0, MSE, BINARY_CROSSENTROPY, CATEGORICAL_CROSSENTROPY };
enum Act { IDENTITY = 0, RELU, LEAKYRELU, ELU, TANH, SIGMOID, SOFTPLUS, SOFTMAX };

// f(z), as DL4J's activations define it (libnd4j's ops; the C library's tanh/exp/log1p here are CUDA's).
template <typename T>
__device__ T activate(T z, int act, double alpha) {
    switch (act) {
        case RELU: return z < (T) 0 ? (T) 0 : z;
        case LEAKYRELU: return z < (T) 0 ? (T) alpha * z : z;
        case ELU: return z >= (T) 0 ? z : (T) alpha * (T) expm1((double) z);
        case TANH: return (T) tanh((double) z);
        case SIGMOID: return (T) (1.0 / (1.0 + exp(-(double) z)));
        case SOFTPLUS: return (T) log1p(exp((double) z));
        default: return z;
    }
}

// f'(z) · ε, as DL4J's activations' backprop computes it (DL4J 1.0.0-M2.1's ELU derivative takes α = 1, and its
// leaky ReLU derivative α rounded to a float: 0.01 becomes 0.009999999776).
template <typename T>
__device__ T backprop(T z, T eps, int act, double alpha) {
    switch (act) {
        case RELU: return z > (T) 0 ? eps : (T) 0;
        case LEAKYRELU: return z < (T) 0 ? eps * (T) (float) alpha : eps;   // libnd4j's leakyrelu_bp: α as a float
        case ELU: return z >= (T) 0 ? eps : eps * (T) exp((double) z);
        case TANH: {
            T th = (T) tanh((double) z);
            return eps * ((T) 1 - th * th);
        }
        case SIGMOID: {
            T sg = (T) (1.0 / (1.0 + exp(-(double) z)));
            return eps * (sg * ((T) 1 - sg));
        }
        case SOFTPLUS: return eps * (T) (1.0 / (1.0 + exp(-(double) z)));
        default: return eps;
    }
}

template <typename T>
__device__ void cross_entropy(T* __restrict__ ze, const T* __restrict__ y, T* __restrict__ g, int k, int loss);

#define ROWS_PER_BLOCK 8
#define LOSS_THREADS 256

// e and g of row i of the batch: one warp per row, the lanes striding the features (the output layer: z = a·W + b,
// ŷ = f(z) with the output activation, identity by default).
template <typename T>
__device__ void forward(const T* __restrict__ x, const T* __restrict__ y, const int* __restrict__ order,
                        int start, int m, int n, int k, const T* __restrict__ p, T* __restrict__ e,
                        T* __restrict__ g, int loss, int contiguous, int act, double alpha) {
    int i = blockIdx.x * ROWS_PER_BLOCK + threadIdx.y;
    if (i >= m) {
        return;  // the whole warp leaves together: i depends on threadIdx.y only
    }
    long row = contiguous ? i : order[start + i];
    long yrow = order[start + i];
    const T* xr = x + row * (long) n;
    for (int j = 0; j < k; j++) {
        const T* w = p + (long) j * n;  // W is column-major (n × k), as DL4J lays it out
        T s = 0;
        for (int f = threadIdx.x; f < n; f += 32) {
            s = fma(xr[f], w[f], s);
        }
        for (int off = 16; off > 0; off >>= 1) {
            s += __shfl_down_sync(0xffffffffu, s, off);
        }
        if (threadIdx.x == 0) {
            T z = s + p[(long) n * k + j];                   // z = a·W + b
            if (loss >= BINARY_CROSSENTROPY) {
                e[(long) i * k + j] = z;                      // the cross-entropies finish the row below
                continue;
            }
            T d = activate(z, act, alpha) - y[yrow * k + j]; // e = f(z) − y
            e[(long) i * k + j] = d;
            // dL/dŷ (mse: 2e, exact), back through the output activation, then mse's ÷k in double, rounded once
            T gz = backprop(z, loss == MSE ? d * (T) 2 : d, act, alpha);
            g[(long) i * k + j] = loss == MSE && k > 1 ? (T) ((double) gz / k) : gz;
        }
    }
    if (threadIdx.x == 0 && loss >= BINARY_CROSSENTROPY) {
        cross_entropy(e + (long) i * k, y + yrow * k, g + (long) i * k, k, loss);
    }
}

// A row of a cross-entropy, as DL4J's losses define it: z in, e = the row's negative log-likelihood per output and
// g = dL/dz out. Binary (sigmoid outputs, DL4J's LossBinaryXENT): p = σ(z) clipped to [1e-5, 1 − 1e-5],
// e = −(ln p·y + ln(1 − p)·(1 − y)), g = σ'(z)·(p − y)/(p·(1 − p)). Categorical (softmax, LossMCXENT): p = softmax(z)
// (max subtracted), g = p − y unclipped, e = −ln p·y with p clipped to [1e-10, 1 − 1e-10].
template <typename T>
__device__ void cross_entropy(T* __restrict__ ze, const T* __restrict__ y, T* __restrict__ g, int k, int loss) {
    if (loss == BINARY_CROSSENTROPY) {
        const T lo = (T) 1e-5, hi = (T) (1.0 - 1e-5);
        for (int j = 0; j < k; j++) {
            T z = ze[j];
            T pr = activate(z, SIGMOID, 0.0);
            pr = pr > hi ? hi : pr < lo ? lo : pr;
            T q = (T) 1 - pr;
            ze[j] = -((T) log((double) pr) * y[j] + (T) log((double) q) * ((T) 1 - y[j]));
            g[j] = backprop(z, (pr - y[j]) / (pr * q), SIGMOID, 0.0);
        }
        return;
    }
    T mx = ze[0];
    for (int j = 1; j < k; j++) {
        mx = ze[j] > mx ? ze[j] : mx;
    }
    T sum = 0;
    for (int j = 0; j < k; j++) {
        T ex = (T) exp((double) (ze[j] - mx));
        g[j] = ex;
        sum += ex;
    }
    const T lo = (T) 1e-10, hi = (T) (1.0 - 1e-10);
    for (int j = 0; j < k; j++) {
        T pr = g[j] / sum;
        g[j] = pr - y[j];
        T c = pr < lo ? lo : pr > hi ? hi : pr;
        ze[j] = -((T) log((double) c) * y[j]);
    }
}

// losses[slot] = the batch's loss in the run's convention + DL4J's l1·‖W‖₁ + l2·½·‖W‖₂², from the parameters before
// the update. One block; sums in double, in a fixed order.
template <typename T>
__device__ void batch_loss(const T* __restrict__ e, int m, int k, const T* __restrict__ p, int nw, double l1,
                           double l2, int loss, double* __restrict__ losses, int slot) {
    __shared__ double sq[LOSS_THREADS];
    __shared__ double ab[LOSS_THREADS];
    __shared__ double w2[LOSS_THREADS];
    int t = threadIdx.x;
    double s = 0, a = 0, q = 0;
    for (int c = t; c < m * k; c += LOSS_THREADS) {
        double d = e[c];
        s += loss >= BINARY_CROSSENTROPY ? d : d * d;          // a cross-entropy's e is already the row's loss
    }
    if (l1 != 0 || l2 != 0) {
        for (int c = t; c < nw; c += LOSS_THREADS) {
            double w = p[c];
            a += fabs(w);
            q += w * w;
        }
    }
    sq[t] = s;
    ab[t] = a;
    w2[t] = q;
    __syncthreads();
    for (int h = LOSS_THREADS / 2; h > 0; h >>= 1) {
        if (t < h) {
            sq[t] += sq[t + h];
            ab[t] += ab[t + h];
            w2[t] += w2[t + h];
        }
        __syncthreads();
    }
    if (t == 0) {
        double value = loss == HALF_MSE ? sq[0] / (2.0 * m) : loss == MSE ? sq[0] / ((double) m * k) : sq[0] / m;
        if (l1 != 0) {
            value += l1 * ab[0];
        }
        if (l2 != 0) {
            double n2 = sqrt(w2[0]);
            value += l2 * 0.5 * n2 * n2;
        }
        losses[slot] = value;
    }
}

// part[(s·k + j)·(n+1) + f] = Σ over the rows of split s of x[row, f]·g[i, j], with x[row, n] = 1 (the bias).
// Block: 32 features × ROWS_PER_BLOCK row lanes; grid: feature tiles × splits × targets.
template <typename T>
__device__ void grad_partial(const T* __restrict__ x, const int* __restrict__ order, int start, int m, int n,
                             int k, const T* __restrict__ g, T* __restrict__ part, int rows_per_split,
                             int contiguous) {
    __shared__ T sh[ROWS_PER_BLOCK][33];
    int f = blockIdx.x * 32 + threadIdx.x;
    int s = blockIdx.y;
    int j = blockIdx.z;
    int from = s * rows_per_split;
    int to = min(m, from + rows_per_split);
    T acc = 0;
    if (f <= n) {
        for (int i = from + threadIdx.y; i < to; i += ROWS_PER_BLOCK) {
            T xv = f < n ? x[(contiguous ? (long) i : (long) order[start + i]) * n + f] : (T) 1;
            acc = fma(xv, g[(long) i * k + j], acc);
        }
    }
    sh[threadIdx.y][threadIdx.x] = acc;
    __syncthreads();
    if (threadIdx.y == 0 && f <= n) {
        T sum = sh[0][threadIdx.x];
        for (int r = 1; r < ROWS_PER_BLOCK; r++) {
            sum += sh[r][threadIdx.x];
        }
        part[((long) s * k + j) * (n + 1) + f] = sum;
    }
}

// One thread per parameter q of DL4J's layout (W column-major, then b): ∇ = Σ partials, ∇ /= m, l1 and l2 on W,
// the rule (c: its constants, s0/s1: this step's scalars), θ −= update.
template <typename T>
__device__ void update(const T* __restrict__ part, int splits, int m, int n, int k, T* __restrict__ p,
                       T* __restrict__ st0, T* __restrict__ st1, T* __restrict__ st2, int rule, double l1,
                       double l2, double c0, double c1, double c2, double c3, double c4, double s0, double s1) {
    int q = blockIdx.x * blockDim.x + threadIdx.x;
    int nw = n * k;
    if (q >= nw + k) {
        return;
    }
    int j = q < nw ? q / n : q - nw;
    int f = q < nw ? q - j * n : n;
    T grad = 0;
    for (int s = 0; s < splits; s++) {
        grad += part[((long) s * k + j) * (n + 1) + f];
    }
    grad = (T) ((double) grad / m);                           // ∇ /= m, rounded once
    T w = p[q];
    if (q < nw) {
        if (l1 != 0) {
            T sign = w > 0 ? (T) 1 : (w < 0 ? (T) -1 : (T) 0);
            grad = (T) l1 * sign + grad;
        }
        if (l2 != 0) {
            grad = (T) l2 * w + grad;
        }
    }
    T step;
    switch (rule) {
        case SGD:
            step = grad * (T) s0;
            break;
        case NESTEROVS: {                                     // c0 = μ, c1 = −μ − 1; s0 = lr
            T prev = (T) c0 * st0[q];
            T next = prev - (T) s0 * grad;
            st0[q] = next;
            step = prev + (T) c1 * next;
            break;
        }
        case ADAM:
        case ADAMAX:
        case NADAM:
        case AMSGRAD: {                                       // c0..c4 = β₁, β₂, 1 − β₁, 1 − β₂, ε
            T b1 = (T) c0, b2 = (T) c1, omb1 = (T) c2, omb2 = (T) c3, eps = (T) c4;
            if (rule == ADAMAX) {                             // s0 = lr/(1 − β₁ᵗ)
                T mo = b1 * st0[q] + grad * omb1;
                st0[q] = mo;
                T decayed = b2 * st1[q];
                T a = fabs(grad);
                T u = (T) ((double) (decayed > a ? decayed : a) + 1e-32);
                st1[q] = u;
                step = mo * (T) s0 / u;
                break;
            }
            T scaled = grad * omb1;
            T mo = b1 * st0[q] + scaled;
            st0[q] = mo;
            T v = b2 * st1[q] + grad * grad * omb2;
            st1[q] = v;
            if (rule == ADAM) {                               // s0 = the bias-corrected rate
                step = mo * (T) s0 / (sqrt(v) + eps);
            } else if (rule == NADAM) {                       // s0 = lr, s1 = 1 − β₁ᵗ
                step = (T) s0 * ((mo * b1 + scaled) / (T) s1) / (sqrt(v) + eps);
            } else {                                          // AMSGrad: v̂ = max(v̂, v)
                T h = st2[q] > v ? st2[q] : v;
                st2[q] = h;
                step = (T) s0 * mo / (sqrt(h) + eps);
            }
            break;
        }
        case RMSPROP: {                                       // c0 = decay, c1 = 1 − decay, c2 = ε; s0 = lr
            T s = st0[q] * (T) c0 + grad * grad * (T) c1;
            st0[q] = s;
            step = (T) s0 * grad / (sqrt(s) + (T) c2);
            break;
        }
        case ADAGRAD: {                                       // c0 = ε; s0 = lr
            T s = st0[q] + grad * grad;
            st0[q] = s;
            step = (T) s0 * grad / (sqrt(s) + (T) c0);
            break;
        }
        default: {                                            // AdaDelta: c0 = ρ, c1 = 1 − ρ, c2 = ε
            T rho = (T) c0, omr = (T) c1, eps = (T) c2;
            T msg = rho * st0[q] + grad * grad * omr;
            st0[q] = msg;
            T up = grad * (sqrt(st1[q] + eps) / sqrt(msg + eps));
            st1[q] = rho * st1[q] + up * up * omr;
            step = up;
            break;
        }
    }
    p[q] = w - step;
}

// A hidden layer's forward step for row i and unit j: z = a·W + b (W column-major, n_in × n_out), a = f(z). The
// input rows are the batch's through the epoch's order (the first layer) or the layer below's, in order.
template <typename T>
__device__ void dense_forward(const T* __restrict__ in, const int* __restrict__ order, int start, int m, int nIn,
                              int nOut, const T* __restrict__ w, const T* __restrict__ b, T* __restrict__ z,
                              T* __restrict__ a, int act, double alpha, int contiguous) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= m || j >= nOut) {
        return;
    }
    const T* xr = in + (contiguous ? (long) i : (long) order[start + i]) * nIn;
    const T* wc = w + (long) j * nIn;
    T s = 0;
    for (int f = 0; f < nIn; f++) {
        s = fma(xr[f], wc[f], s);
    }
    T zv = s + b[j];
    z[(long) i * nOut + j] = zv;
    a[(long) i * nOut + j] = activate(zv, act, alpha);
}

// The δ of the layer below for row i and its unit f: f'(z[i, f]) · Σ_j δ[i, j]·W[f, j], W the layer above's.
template <typename T>
__device__ void backprop_hidden(const T* __restrict__ delta, int m, int nOut, int nIn, const T* __restrict__ w,
                                const T* __restrict__ z, T* __restrict__ below, int act, double alpha) {
    int f = blockIdx.x * blockDim.x + threadIdx.x;
    int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= m || f >= nIn) {
        return;
    }
    T s = 0;
    for (int j = 0; j < nOut; j++) {
        s = fma(delta[(long) i * nOut + j], w[(long) j * nIn + f], s);
    }
    below[(long) i * nIn + f] = backprop(z[(long) i * nIn + f], s, act, alpha);
}

// losses[slot] += a hidden layer's DL4J l1/l2 score of its W (l1·‖W‖₁ + l2·½·‖W‖₂²), before the update. One block.
template <typename T>
__device__ void penalty(const T* __restrict__ w, int nw, double l1, double l2, double* __restrict__ losses,
                        int slot) {
    __shared__ double ab[LOSS_THREADS];
    __shared__ double w2[LOSS_THREADS];
    int t = threadIdx.x;
    double a = 0, q = 0;
    for (int c = t; c < nw; c += LOSS_THREADS) {
        double v = w[c];
        a += fabs(v);
        q += v * v;
    }
    ab[t] = a;
    w2[t] = q;
    __syncthreads();
    for (int h = LOSS_THREADS / 2; h > 0; h >>= 1) {
        if (t < h) {
            ab[t] += ab[t + h];
            w2[t] += w2[t + h];
        }
        __syncthreads();
    }
    if (t == 0) {
        double p = 0;
        if (l1 != 0) {
            p += l1 * ab[0];
        }
        if (l2 != 0) {
            double n2 = sqrt(w2[0]);
            p += l2 * 0.5 * n2 * n2;
        }
        losses[slot] += p;
    }
}

#define KERNELS(T, SUFFIX)                                                                                        \
    extern "C" __global__ void forward_##SUFFIX(const T* x, const T* y, const int* order, int start, int m,      \
                                                int n, int k, const T* p, T* e, T* g, int loss, int contiguous,   \
                                                int act, double alpha) {                                          \
        forward<T>(x, y, order, start, m, n, k, p, e, g, loss, contiguous, act, alpha);                           \
    }                                                                                                             \
    extern "C" __global__ void batch_loss_##SUFFIX(const T* e, int m, int k, const T* p, int nw, double l1,      \
                                                   double l2, int loss, double* losses, int slot) {               \
        batch_loss<T>(e, m, k, p, nw, l1, l2, loss, losses, slot);                                                \
    }                                                                                                             \
    extern "C" __global__ void grad_partial_##SUFFIX(const T* x, const int* order, int start, int m, int n,      \
                                                     int k, const T* g, T* part, int rows_per_split,              \
                                                     int contiguous) {                                            \
        grad_partial<T>(x, order, start, m, n, k, g, part, rows_per_split, contiguous);                           \
    }                                                                                                             \
    extern "C" __global__ void update_##SUFFIX(const T* part, int splits, int m, int n, int k, T* p, T* st0,     \
                                               T* st1, T* st2, int rule, double l1, double l2, double c0,         \
                                               double c1, double c2, double c3, double c4, double s0, double s1) { \
        update<T>(part, splits, m, n, k, p, st0, st1, st2, rule, l1, l2, c0, c1, c2, c3, c4, s0, s1);             \
    }                                                                                                             \
    extern "C" __global__ void dense_forward_##SUFFIX(const T* in, const int* order, int start, int m, int nIn,   \
                                                      int nOut, const T* w, const T* b, T* z, T* a, int act,      \
                                                      double alpha, int contiguous) {                             \
        dense_forward<T>(in, order, start, m, nIn, nOut, w, b, z, a, act, alpha, contiguous);                     \
    }                                                                                                             \
    extern "C" __global__ void backprop_hidden_##SUFFIX(const T* delta, int m, int nOut, int nIn, const T* w,     \
                                                        const T* z, T* below, int act, double alpha) {            \
        backprop_hidden<T>(delta, m, nOut, nIn, w, z, below, act, alpha);                                         \
    }                                                                                                             \
    extern "C" __global__ void penalty_##SUFFIX(const T* w, int nw, double l1, double l2, double* losses,         \
                                                int slot) {                                                       \
        penalty<T>(w, nw, l1, l2, losses, slot);                                                                  \
    }

KERNELS(float, f32)
KERNELS(double, f64)
