package dev.minibatch.train.loss;

/**
 * The host memory of an array as the HOST kernels read and write it: each value as a double, stored rounded to the
 * array's type. A loss's HOST step does its correctly rounded arithmetic through it, one rounding per operation, which
 * gives libnd4j's element-wise results bit for bit.
 */
public interface HostValues {
    /**
     * Reads an element.
     *
     * @param i the index into the buffer.
     * @return its value, exact.
     */
    double get(int i);

    /**
     * Writes an element, rounded to the array's type.
     *
     * @param i the index into the buffer.
     * @param v the value.
     */
    void set(int i, double v);

    /**
     * Rounds a value to the array's type.
     *
     * @param v the value.
     * @return v rounded to the type.
     */
    double round(double v);
}
