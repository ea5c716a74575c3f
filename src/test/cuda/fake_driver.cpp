// A stand-in for the NVIDIA driver (libcuda.so.1) for the tests of a machine without a GPU: the driver API calls
// minibatch's CudaDevice makes, with device memory in host memory and cuLaunchKernel running the kernels' host
// build (emulator.cpp, linked into the same library). So the real CudaDevice — JavaCPP's CUDA presets, the JNI
// library, every argument it passes — runs end to end, CLI included (MINIBATCH_CUDA_LIBS=<this folder>). It
// reports one GPU, "minibatch fake driver", compute capability 9.0, driver CUDA 13.0, 80 GiB. Built by FakeDriver.java.
// For the tests of what minibatch says about a GPU that cannot serve it, two variables change what it reports:
// MINIBATCH_FAKE_GPU_BYTES (its memory; an allocation past it fails as out of memory) and
// MINIBATCH_FAKE_DRIVER_CUDA (its CUDA version as cuDriverGetVersion gives it, e.g. 12040 for 12.4).
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

extern "C" int emu_launch(const char* name, int gx, int gy, int gz, int bx, int by, int bz, void** params);
extern "C" int emu_kernel_exists(const char* name);

typedef int CUresult;
typedef unsigned long long CUdeviceptr;
struct CUfunc_st { std::string name; };
struct CUmod_st { int loaded; };
struct CUctx_st { int device; };
// an event is the host's clock when recorded: the emulated launches finish before they return
struct CUevent_st { std::chrono::steady_clock::time_point at; bool recorded; };

static CUctx_st context = {0};
static CUmod_st module = {1};
static size_t allocated = 0;
static std::unordered_map<CUdeviceptr, size_t> sizes;
static size_t total() {
    const char* s = std::getenv("MINIBATCH_FAKE_GPU_BYTES");
    return s != nullptr ? (size_t) std::strtoull(s, nullptr, 10) : 80ull << 30;
}
static const CUresult OK = 0, INVALID_VALUE = 1, OUT_OF_MEMORY = 2, NOT_FOUND = 500;

extern "C" {
CUresult cuInit(unsigned int) { return OK; }
CUresult cuDriverGetVersion(int* v) {
    const char* s = std::getenv("MINIBATCH_FAKE_DRIVER_CUDA");
    *v = s != nullptr ? std::atoi(s) : 13000;
    return OK;
}
CUresult cuDeviceGetCount(int* n) { *n = 1; return OK; }
CUresult cuDeviceGet(int* d, int ordinal) { if (ordinal != 0) return INVALID_VALUE; *d = 0; return OK; }
CUresult cuDeviceGetName(char* name, int len, int) {
    std::strncpy(name, "minibatch fake driver", len);
    return OK;
}
CUresult cuDeviceGetAttribute(int* v, int attribute, int) {
    *v = attribute == 75 ? 9 : attribute == 76 ? 0 : 0;   // compute capability major (75), minor (76)
    return OK;
}
CUresult cuDeviceTotalMem_v2(size_t* bytes, int) { *bytes = total(); return OK; }
CUresult cuDevicePrimaryCtxRetain(CUctx_st** ctx, int) { *ctx = &context; return OK; }
// As the real driver: a context is current per thread, and the memory and launch calls need one.
static thread_local bool current = false;
static const CUresult INVALID_CONTEXT = 201;
CUresult cuCtxSetCurrent(CUctx_st* c) { current = c != nullptr; return OK; }
CUresult cuModuleLoadDataEx(CUmod_st** m, const void* image, unsigned int, int*, void**) {
    // a fatbin (its magic, 0xBA55ED50, little-endian) as the jar ships, or the kernels' PTX text
    static const unsigned char fatbin[] = {0x50, 0xed, 0x55, 0xba};
    if (image == nullptr) return INVALID_VALUE;
    bool isFatbin = std::memcmp(image, fatbin, sizeof fatbin) == 0;
    if (!isFatbin && std::strstr((const char*) image, ".entry forward_f32") == nullptr) return INVALID_VALUE;
    *m = &module;
    return OK;
}
CUresult cuModuleGetFunction(CUfunc_st** f, CUmod_st*, const char* name) {
    if (!current) return INVALID_CONTEXT;
    if (!emu_kernel_exists(name)) return NOT_FOUND;
    *f = new CUfunc_st{name};
    return OK;
}
CUresult cuLaunchKernel(CUfunc_st* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned, void*, void** params, void**) {
    if (!current) return INVALID_CONTEXT;
    int rc = emu_launch(f->name.c_str(), gx, gy, gz, bx, by, bz, params);
    return rc == 0 ? OK : rc == -1 ? NOT_FOUND : INVALID_VALUE;
}
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    if (!current) return INVALID_CONTEXT;
    if (allocated + bytes > total()) return OUT_OF_MEMORY;
    void* m = std::malloc(bytes);
    if (m == nullptr) return OUT_OF_MEMORY;
    allocated += bytes;
    *p = (CUdeviceptr) m;
    sizes[*p] = bytes;
    return OK;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
    if (!current) return INVALID_CONTEXT;
    auto it = sizes.find(p);
    if (it != sizes.end()) {
        allocated -= it->second;
        sizes.erase(it);
    }
    std::free((void*) p);
    return OK;
}
CUresult cuMemGetInfo_v2(size_t* free, size_t* all) { *free = total() - allocated; *all = total(); return OK; }
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) { if (!current) return INVALID_CONTEXT; std::memcpy((void*) dst, src, bytes); return OK; }
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) { if (!current) return INVALID_CONTEXT; std::memcpy(dst, (void*) src, bytes); return OK; }
CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char v, size_t n) { std::memset((void*) dst, v, n); return OK; }
CUresult cuEventCreate(CUevent_st** e, unsigned int) {
    if (!current) return INVALID_CONTEXT;
    *e = new CUevent_st{std::chrono::steady_clock::now(), false};
    return OK;
}
CUresult cuEventRecord(CUevent_st* e, void*) {
    if (!current) return INVALID_CONTEXT;
    e->at = std::chrono::steady_clock::now();
    e->recorded = true;
    return OK;
}
CUresult cuEventSynchronize(CUevent_st* e) { return current ? (e->recorded ? OK : INVALID_VALUE) : INVALID_CONTEXT; }
CUresult cuEventElapsedTime_v2(float* ms, CUevent_st* a, CUevent_st* b) {
    if (!current) return INVALID_CONTEXT;
    if (!a->recorded || !b->recorded) return INVALID_VALUE;
    *ms = std::chrono::duration<float, std::milli>(b->at - a->at).count();
    return OK;
}
CUresult cuEventDestroy_v2(CUevent_st* e) { if (!current) return INVALID_CONTEXT; delete e; return OK; }
CUresult cuGetErrorName(CUresult e, const char** s) { *s = e == OK ? "CUDA_SUCCESS" : "CUDA_ERROR (fake driver)"; return OK; }
CUresult cuGetErrorString(CUresult e, const char** s) { *s = e == OK ? "no error" : "fake driver error"; return OK; }
}
