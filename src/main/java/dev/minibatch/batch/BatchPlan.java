package dev.minibatch.batch;

import dev.minibatch.random.NumpyRandomState;

import java.util.SplittableRandom;

/**
 * The batch plan both trainers consume: per epoch, a permutation of the m training rows, cut into consecutive
 * batches of {@code batchSize} rows, the last one partial when m is not a multiple of the batch size.
 *
 * <p>A plan is an immutable recipe. Each call to {@link #epochs()} starts a fresh {@link Epochs} cursor that
 * replays the same sequence of orders from the first epoch, so two trainers given one plan see identical
 * batches without sharing mutable state.
 */
public final class BatchPlan {
    private final int rows;
    private final int batchSize;
    private final Shuffle shuffle;
    private final NumpyRandomState numpyStart;
    private final long seed;

    private BatchPlan(int rows, int batchSize, Shuffle shuffle, NumpyRandomState numpyStart, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("a batch plan needs at least one row, got " + rows);
        }
        if (batchSize < 1 || batchSize > rows) {
            throw new IllegalArgumentException("batch size must be in [1, " + rows + "], got " + batchSize);
        }
        this.rows = rows;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.numpyStart = numpyStart == null ? null : numpyStart.copy();
        this.seed = seed;
    }

    /**
     * Creates a plan whose epochs draw {@code permutation(rows)} from a NumPy stream, starting in the given state.
     *
     * @param rows the number of training rows.
     * @param batchSize the rows per batch.
     * @param stateAtFirstEpoch the stream as it stands before the first epoch's permutation; it is copied.
     * @return the plan.
     */
    public static BatchPlan numpy(int rows, int batchSize, NumpyRandomState stateAtFirstEpoch) {
        return new BatchPlan(rows, batchSize, Shuffle.NUMPY, stateAtFirstEpoch, 0L);
    }

    /**
     * Creates a plan whose epochs are Fisher–Yates shuffles from a {@link SplittableRandom}.
     *
     * @param rows the number of training rows.
     * @param batchSize the rows per batch.
     * @param seed the seed of the generator.
     * @return the plan.
     */
    public static BatchPlan seeded(int rows, int batchSize, long seed) {
        return new BatchPlan(rows, batchSize, Shuffle.SEEDED, null, seed);
    }

    /**
     * Creates a plan that keeps the stored row order in every epoch.
     *
     * @param rows the number of training rows.
     * @param batchSize the rows per batch.
     * @return the plan.
     */
    public static BatchPlan sequential(int rows, int batchSize) {
        return new BatchPlan(rows, batchSize, Shuffle.NONE, null, 0L);
    }

    /** @return the number of training rows m. */
    public int rows() {
        return rows;
    }

    /** @return the nominal batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** @return how rows are reordered each epoch. */
    public Shuffle shuffle() {
        return shuffle;
    }

    /** @return the number of batches, that is updates, per epoch: ⌈m / batchSize⌉. */
    public int batchesPerEpoch() {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * Returns the position in the epoch's order where a batch starts.
     *
     * @param batch the batch index within the epoch.
     * @return the first position of the batch.
     */
    public int batchStart(int batch) {
        return batch * batchSize;
    }

    /**
     * Returns the number of rows in a batch: {@code batchSize}, or fewer for the last one.
     *
     * @param batch the batch index within the epoch.
     * @return the rows in that batch.
     */
    public int batchLength(int batch) {
        return Math.min(batchSize, rows - batch * batchSize);
    }

    /**
     * Starts a cursor at the first epoch.
     *
     * @return a new cursor; independent of every other cursor of this plan.
     */
    public Epochs epochs() {
        return new Epochs();
    }

    @Override
    public String toString() {
        return "BatchPlan(rows=" + rows + ",batchSize=" + batchSize + ",shuffle=" + shuffle + ")";
    }

    /** A cursor over the epochs of a plan: each {@link #next()} returns the next epoch's row order. */
    public final class Epochs {
        private NumpyRandomState numpy = numpyStart == null ? null : numpyStart.copy();
        private final SplittableRandom random = new SplittableRandom(seed);

        private Epochs() {
        }

        /**
         * Returns the order of the training rows for the next epoch.
         *
         * @return a new permutation of 0 … m − 1.
         */
        public int[] next() {
            return switch (shuffle) {
                case NUMPY -> numpy.permutation(rows);
                case SEEDED -> fisherYates();
                case NONE -> identity();
            };
        }

        /**
         * The stream's state between epochs, for a checkpoint: the NumPy stream's ({@code shuffle: numpy}), or
         * {@code null} for the other shuffles, which {@link #restore} replays instead.
         *
         * @return the state, or {@code null}.
         */
        public NumpyRandomState.State state() {
            return numpy == null ? null : numpy.state();
        }

        /**
         * Puts the cursor after a number of epochs: the saved NumPy state when there is one, or the epochs drawn
         * again (the seeded shuffle's {@code SplittableRandom} state cannot be read; {@code none} has none).
         *
         * @param state a state from {@link #state()}, or {@code null}.
         * @param epochsDone how many epochs the cursor has served.
         */
        public void restore(NumpyRandomState.State state, int epochsDone) {
            if (state != null && numpy != null) {
                numpy = NumpyRandomState.of(state);
                return;
            }
            for (int e = 0; e < epochsDone; e++) {
                next();
            }
        }

        private int[] fisherYates() {
            int[] order = identity();
            for (int i = rows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            return order;
        }

        private int[] identity() {
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            return order;
        }
    }
}
