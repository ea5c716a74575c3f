package dev.minibatch.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A kernel's arguments as {@code cuLaunchKernel} takes them: an array of pointers, one per argument, each to the
 * argument's value in host memory. The values live in one native buffer, eight bytes per argument, and are set in
 * place before each launch, so launching allocates nothing.
 */
public final class KernelArgs implements AutoCloseable {
    private final BytePointer values;
    private final LongPointer addresses;
    /** The same array as {@code void**}: JavaCPP passes a PointerPointer's own array, but a plain Pointer given for
     *  a {@code void**} parameter as a pointer to a temporary holding its address (found by the fake driver). */
    private final PointerPointer<?> pointers;
    private final int count;

    /**
     * Allocates room for the arguments, all 0.
     *
     * @param count the kernel's number of parameters.
     */
    public KernelArgs(int count) {
        this.count = count;
        values = new BytePointer(8L * count);
        values.fill(0);
        addresses = new LongPointer(Math.max(1, count));
        for (int i = 0; i < count; i++) {
            addresses.put(i, values.address() + 8L * i);
        }
        pointers = new PointerPointer<>(addresses);
    }

    /**
     * Sets a pointer argument.
     *
     * @param i the parameter's index.
     * @param address a device address.
     * @return this.
     */
    public KernelArgs address(int i, long address) {
        values.putLong(8L * check(i), address);
        return this;
    }

    /**
     * Sets an {@code int} argument.
     *
     * @param i the parameter's index.
     * @param v the value.
     * @return this.
     */
    public KernelArgs i32(int i, int v) {
        values.putInt(8L * check(i), v);
        return this;
    }

    /**
     * Sets a {@code double} argument.
     *
     * @param i the parameter's index.
     * @param v the value.
     * @return this.
     */
    public KernelArgs f64(int i, double v) {
        values.putDouble(8L * check(i), v);
        return this;
    }

    /** @return the array of pointers to the values ({@code void**}), as {@code cuLaunchKernel} wants it. */
    public PointerPointer<?> pointers() {
        return pointers;
    }

    /** @return the number of parameters. */
    public int count() {
        return count;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("kernel argument " + i + " of " + count);
        }
        return i;
    }

    @Override
    public void close() {
        addresses.close();
        values.close();
    }
}
