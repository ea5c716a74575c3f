package dev.minibatch.random;

/**
 * A port of NumPy's legacy {@code numpy.random.RandomState} seeded with an integer.
 *
 * <p>Every draw reproduces NumPy bit for bit: the Mersenne Twister MT19937 with {@code init_genrand} seeding,
 * 53-bit doubles built from two 32-bit outputs, the Marsaglia polar method for Gaussians with its cached second
 * value, {@code uniform} as {@code low + (high - low) * u}, and bounded integers by masked rejection as
 * {@code shuffle} and {@code permutation} use them. The algorithms are those of NumPy's
 * {@code legacy-distributions.c}, {@code mt19937.c} and {@code _legacy_seeding}.
 *
 * <p>Instances are mutable and not thread-safe, like NumPy's. {@link #copy()} snapshots the full state, so that
 * two consumers can replay the same stream.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /**
     * Constructs a stream in the state of {@code numpy.random.RandomState(seed)}.
     *
     * @param seed the integer seed; NumPy accepts 0 to 2³² − 1.
     * @throws IllegalArgumentException if the seed is outside that range.
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    private NumpyRandomState(NumpyRandomState other) {
        System.arraycopy(other.mt, 0, mt, 0, N);
        pos = other.pos;
        hasGauss = other.hasGauss;
        gauss = other.gauss;
    }

    /**
     * The stream's full state, as NumPy's {@code get_state()} gives it: the MT19937 key, the position in it, and
     * the cached second Gaussian.
     *
     * @param key the 624 words of the generator.
     * @param pos the next word's index.
     * @param hasGauss whether a Gaussian is cached.
     * @param gauss the cached Gaussian.
     */
    public record State(int[] key, int pos, boolean hasGauss, double gauss) {
    }

    /** @return a copy of the current state ({@code get_state()}). */
    public State state() {
        return new State(mt.clone(), pos, hasGauss, gauss);
    }

    /**
     * A stream in a saved state ({@code set_state()}).
     *
     * @param s the state.
     * @return the stream.
     * @throws IllegalArgumentException if the state is not an MT19937 state.
     */
    public static NumpyRandomState of(State s) {
        if (s.key() == null || s.key().length != N || s.pos() < 0 || s.pos() > N) {
            throw new IllegalArgumentException("not an MT19937 state (624 words and a position 0 to 624)");
        }
        NumpyRandomState r = new NumpyRandomState(0);
        System.arraycopy(s.key(), 0, r.mt, 0, N);
        r.pos = s.pos();
        r.hasGauss = s.hasGauss();
        r.gauss = s.gauss();
        return r;
    }

    /**
     * Returns an independent copy of this stream in its current state.
     *
     * @return a stream that will produce exactly the draws this one would produce next.
     */
    public NumpyRandomState copy() {
        return new NumpyRandomState(this);
    }

    /**
     * Returns the next raw 32-bit output of MT19937, as an unsigned value.
     *
     * @return a value in [0, 2³²).
     */
    public long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        pos = 0;
    }

    /**
     * Returns the next double in [0, 1), as {@code RandomState.random_sample()} does.
     *
     * @return a double with 53 random bits.
     */
    public double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * Returns the next standard normal value, as {@code RandomState.standard_normal()} does: the polar method,
     * which makes two values per accepted pair and keeps the second for the next call.
     *
     * @return a draw from N(0, 1).
     */
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            double cached = gauss;
            gauss = 0.0;
            return cached;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * GlibcLog.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /**
     * Returns {@code normal(loc, scale)}: {@code loc + scale * standard_normal()}.
     *
     * @param loc the mean.
     * @param scale the standard deviation.
     * @return one draw.
     */
    public double normal(double loc, double scale) {
        return loc + scale * nextGaussian();
    }

    /**
     * Returns {@code uniform(low, high)}: {@code low + (high - low) * random_sample()}.
     *
     * @param low the inclusive lower bound.
     * @param high the exclusive upper bound.
     * @return one draw.
     */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /**
     * Returns an integer uniform in [0, max] by NumPy's masked rejection ({@code random_interval}), the draw that
     * {@code shuffle} makes for each position.
     *
     * @param max the inclusive upper bound, at most 2³² − 1.
     * @return a value in [0, max].
     */
    public long interval(long max) {
        if (max == 0) {
            return 0;
        }
        if (max < 0 || max > 0xffffffffL) {
            throw new IllegalArgumentException("max must be between 0 and 2**32 - 1, got " + max);
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /**
     * Shuffles an array in place as {@code RandomState.shuffle} does for a one-dimensional array: for i from
     * n − 1 down to 1, swap element i with element {@code interval(i)}.
     *
     * @param values the array to shuffle.
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    /**
     * Returns {@code RandomState.permutation(n)}: {@code arange(n)} shuffled.
     *
     * @param n the number of items.
     * @return a new permutation of 0 … n − 1.
     */
    public int[] permutation(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        shuffle(values);
        return values;
    }

    /**
     * Returns {@code standard_normal(size=(rows, cols))} in row-major order.
     *
     * @param rows the number of rows.
     * @param cols the number of columns.
     * @return a new rows × cols array.
     */
    public double[][] standardNormal(int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = nextGaussian();
            }
        }
        return out;
    }
}
