/**
 * Talks to an NVIDIA GPU for the scratch trainer's CUDA kernel set, where ND4J's CUDA build cannot run (Hopper,
 * Blackwell): finding the driver and the CUDA runtime on the machine ({@link CudaLibraries}), opening the GPU
 * through JavaCPP's CUDA presets ({@link CudaDevice}), loading the kernels' fatbin, and launching and timing them
 * ({@link Device}, {@link KernelArgs}). Nothing here loads unless CUDA kernels are asked for or {@code auto} finds a
 * GPU, so a machine without one sees no native library load and no stack trace.
 */
package dev.minibatch.cuda;
