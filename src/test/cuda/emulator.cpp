// Runs minibatch's CUDA kernels (src/main/cuda/kernels.cu, compiled unchanged) on the host, for the tests of a
// machine without a GPU: every CUDA thread of a block is a fiber (ucontext), __syncthreads() waits for the block's
// live threads and __shfl_down_sync() for its warp's, blocks run one after another, and __shared__ variables are
// statics (one block lives at a time). emu_launch() takes what cuLaunchKernel takes: the grid, the block, and
// kernelParams, an array of pointers to the arguments' values. Built by CudaEmulator (src/test/java) with g++.
#include <ucontext.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <vector>

using std::fabs;
using std::fma;
using std::min;
using std::sqrt;

struct dim3 { unsigned x, y, z; };
static dim3 threadIdx, blockIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __shared__ static

namespace {
enum State { RUN, AT_WARP, AT_BLOCK, DONE };
struct Fiber {
    ucontext_t ctx;
    State state;
    std::vector<char> stack;
};
std::vector<Fiber> fibers;
std::vector<uint64_t> slots;   // what each thread offers a shuffle
ucontext_t scheduler;
int current;
int threads;
void (*body)(void**);
void** bodyArgs;

void yieldAs(State s) {
    fibers[current].state = s;
    swapcontext(&fibers[current].ctx, &scheduler);
}

void trampoline() {
    body(bodyArgs);
    fibers[current].state = DONE;
    swapcontext(&fibers[current].ctx, &scheduler);
}

void setThreadIdx(int t) {
    threadIdx.x = t % blockDim.x;
    threadIdx.y = (t / blockDim.x) % blockDim.y;
    threadIdx.z = t / (blockDim.x * blockDim.y);
}

void runBlock() {
    for (int t = 0; t < threads; t++) {
        Fiber& f = fibers[t];
        getcontext(&f.ctx);
        f.ctx.uc_stack.ss_sp = f.stack.data();
        f.ctx.uc_stack.ss_size = f.stack.size();
        f.ctx.uc_link = nullptr;
        makecontext(&f.ctx, trampoline, 0);
        f.state = RUN;
    }
    for (;;) {
        bool ran = false;
        for (int t = 0; t < threads; t++) {
            if (fibers[t].state == RUN) {
                current = t;
                setThreadIdx(t);
                swapcontext(&scheduler, &fibers[t].ctx);
                ran = true;
            }
        }
        int live = 0, atBlock = 0;
        for (int t = 0; t < threads; t++) {
            live += fibers[t].state != DONE;
            atBlock += fibers[t].state == AT_BLOCK;
        }
        if (live == 0) {
            return;
        }
        bool released = false;
        if (atBlock == live) {
            for (int t = 0; t < threads; t++) {
                if (fibers[t].state == AT_BLOCK) fibers[t].state = RUN;
            }
            released = true;
        } else {
            for (int w = 0; w * 32 < threads; w++) {
                int lanes = 0, waiting = 0;
                for (int t = w * 32; t < std::min(threads, w * 32 + 32); t++) {
                    lanes += fibers[t].state != DONE;
                    waiting += fibers[t].state == AT_WARP;
                }
                if (lanes > 0 && waiting == lanes) {
                    for (int t = w * 32; t < std::min(threads, w * 32 + 32); t++) {
                        if (fibers[t].state == AT_WARP) fibers[t].state = RUN;
                    }
                    released = true;
                }
            }
        }
        if (!ran && !released) {
            std::fprintf(stderr, "emulator: the block's threads wait on each other (a barrier some never reach)\n");
            std::abort();
        }
    }
}
}  // namespace

static void __syncthreads() { yieldAs(AT_BLOCK); }

template <typename T>
static T __shfl_down_sync(unsigned, T v, int off) {
    int me = current;
    std::memcpy(&slots[me], &v, sizeof(T));
    yieldAs(AT_WARP);
    T r = v;
    int src = me + off;
    if (me % 32 + off < 32 && src < threads && fibers[src].state != DONE) {
        std::memcpy(&r, &slots[src], sizeof(T));
    }
    yieldAs(AT_WARP);
    return r;
}

#include "kernels.cu"

#define A(i, T) (*(T*) a[i])
#define INVOKERS(T, S)                                                                                          \
    static void forward_##S##_i(void** a) {                                                                     \
        forward_##S(A(0, const T*), A(1, const T*), A(2, const int*), A(3, int), A(4, int), A(5, int),         \
                    A(6, int), A(7, const T*), A(8, T*), A(9, T*), A(10, int), A(11, int), A(12, int),          \
                    A(13, double));                                                                             \
    }                                                                                                           \
    static void batch_loss_##S##_i(void** a) {                                                                  \
        batch_loss_##S(A(0, const T*), A(1, int), A(2, int), A(3, const T*), A(4, int), A(5, double),           \
                       A(6, double), A(7, int), A(8, double*), A(9, int));                                      \
    }                                                                                                           \
    static void grad_partial_##S##_i(void** a) {                                                                \
        grad_partial_##S(A(0, const T*), A(1, const int*), A(2, int), A(3, int), A(4, int), A(5, int),          \
                         A(6, const T*), A(7, T*), A(8, int), A(9, int));                                       \
    }                                                                                                           \
    static void update_##S##_i(void** a) {                                                                      \
        update_##S(A(0, const T*), A(1, int), A(2, int), A(3, int), A(4, int), A(5, T*), A(6, T*), A(7, T*),    \
                   A(8, T*), A(9, int), A(10, double), A(11, double), A(12, double), A(13, double),             \
                   A(14, double), A(15, double), A(16, double), A(17, double), A(18, double));                  \
    }                                                                                                           \
    static void dense_forward_##S##_i(void** a) {                                                               \
        dense_forward_##S(A(0, const T*), A(1, const int*), A(2, int), A(3, int), A(4, int), A(5, int),         \
                          A(6, const T*), A(7, const T*), A(8, T*), A(9, T*), A(10, int), A(11, double),        \
                          A(12, int));                                                                          \
    }                                                                                                           \
    static void backprop_hidden_##S##_i(void** a) {                                                             \
        backprop_hidden_##S(A(0, const T*), A(1, int), A(2, int), A(3, int), A(4, const T*), A(5, const T*),    \
                            A(6, T*), A(7, int), A(8, double));                                                 \
    }                                                                                                           \
    static void penalty_##S##_i(void** a) {                                                                     \
        penalty_##S(A(0, const T*), A(1, int), A(2, double), A(3, double), A(4, double*), A(5, int));           \
    }
INVOKERS(float, f32)
INVOKERS(double, f64)

struct Entry { const char* name; void (*fn)(void**); };
static const Entry KERNELS_TABLE[] = {
    {"forward_f32", forward_f32_i}, {"batch_loss_f32", batch_loss_f32_i}, {"grad_partial_f32", grad_partial_f32_i},
    {"update_f32", update_f32_i}, {"dense_forward_f32", dense_forward_f32_i},
    {"backprop_hidden_f32", backprop_hidden_f32_i}, {"penalty_f32", penalty_f32_i},
    {"forward_f64", forward_f64_i}, {"batch_loss_f64", batch_loss_f64_i}, {"grad_partial_f64", grad_partial_f64_i},
    {"update_f64", update_f64_i}, {"dense_forward_f64", dense_forward_f64_i},
    {"backprop_hidden_f64", backprop_hidden_f64_i}, {"penalty_f64", penalty_f64_i},
};

// Returns 1 if the kernel is known, else 0.
extern "C" int emu_kernel_exists(const char* name) {
    for (const Entry& e : KERNELS_TABLE) {
        if (std::strcmp(e.name, name) == 0) return 1;
    }
    return 0;
}

// Runs a launch to its end. Returns 0, or -1 for an unknown kernel, -2 for a block of more than 1024 threads.
extern "C" int emu_launch(const char* name, int gx, int gy, int gz, int bx, int by, int bz, void** params) {
    body = nullptr;
    for (const Entry& e : KERNELS_TABLE) {
        if (std::strcmp(e.name, name) == 0) body = e.fn;
    }
    if (body == nullptr) return -1;
    threads = bx * by * bz;
    if (threads < 1 || threads > 1024) return -2;
    if ((int) fibers.size() < threads) {
        fibers.resize(threads);
        slots.resize(threads);
        for (Fiber& f : fibers) {
            if (f.stack.empty()) f.stack.resize(64 * 1024);
        }
    }
    bodyArgs = params;
    gridDim = {(unsigned) gx, (unsigned) gy, (unsigned) gz};
    blockDim = {(unsigned) bx, (unsigned) by, (unsigned) bz};
    for (int z = 0; z < gz; z++) {
        for (int y = 0; y < gy; y++) {
            for (int x = 0; x < gx; x++) {
                blockIdx = {(unsigned) x, (unsigned) y, (unsigned) z};
                runBlock();
            }
        }
    }
    return 0;
}
