package dev.minibatch.cuda;

import org.bytedeco.javacpp.Pointer;

/**
 * What the CUDA kernel set needs of a GPU: device memory, copies to and from host memory, and kernel launches on
 * one stream, in order. Device memory is named by its address. {@link CudaDevice} is the real GPU; the tests run
 * the same kernels, compiled for the host, behind this interface.
 */
public interface Device extends AutoCloseable {

    /**
     * Allocates device memory, filled with zero bytes.
     *
     * @param bytes the size, more than 0.
     * @return its device address.
     * @throws CudaException if the GPU is out of memory.
     */
    long alloc(long bytes);

    /**
     * Frees what {@link #alloc} returned.
     *
     * @param address the device address.
     */
    void free(long address);

    /**
     * Copies host memory to the device, waiting until it is done.
     *
     * @param dst the device address.
     * @param src the host memory, from its position.
     * @param bytes how many bytes.
     */
    void upload(long dst, Pointer src, long bytes);

    /**
     * Copies device memory to the host after every launch before it has finished.
     *
     * @param dst the host memory, from its position.
     * @param src the device address.
     * @param bytes how many bytes.
     */
    void download(Pointer dst, long src, long bytes);

    /**
     * Looks up a kernel of the minibatch kernel module.
     *
     * @param name its name, e.g. {@code forward_f32}.
     * @return a handle for {@link #launch}.
     * @throws CudaException if there is no such kernel.
     */
    Object kernel(String name);

    /**
     * Queues a kernel launch (a block's z size is always 1 here). Allocates nothing: it runs four times a step.
     *
     * @param kernel a handle from {@link #kernel}.
     * @param gridX the grid's x size.
     * @param gridY the grid's y size.
     * @param gridZ the grid's z size.
     * @param blockX the block's x size.
     * @param blockY the block's y size.
     * @param args the kernel's arguments.
     */
    void launch(Object kernel, int gridX, int gridY, int gridZ, int blockX, int blockY, KernelArgs args);

    /**
     * Makes this device current for the calling thread (a CUDA context is current per thread).
     */
    void bind();

    /**
     * Marks the point the device's work has reached, for {@link #secondsSince}: on a GPU, a CUDA event recorded on
     * the stream; by default the host's clock (right for a device whose launches finish before they return).
     *
     * @return the mark.
     */
    default Object mark() {
        return System.nanoTime();
    }

    /**
     * Waits for the work launched since {@code mark} and measures it on the device's own clock, so that the host's
     * work around the launches (drawing the row order, copying it up, the launches' own cost where they overlap the
     * device's) is left out. Releases the mark.
     *
     * @param mark from {@link #mark()}.
     * @return the seconds the device spent from the mark to the end of that work.
     */
    default double secondsSince(Object mark) {
        return (System.nanoTime() - (Long) mark) / 1e9;
    }

    /** @return the device, in words: index, name, compute capability and memory. */
    String description();

    /** @return device memory in use now, in bytes, by every process (the driver's total minus its free memory). */
    long memoryInUse();

    @Override
    void close();
}
