package dev.minibatch.train.framework;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.data.NdArrays;
import dev.minibatch.data.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@link DataSetIterator} that serves one epoch of a {@link BatchPlan} per pass and moves to the next epoch's
 * row order on every {@link #reset()}. DL4J's {@code ListDataSetIterator} only rewinds on reset, so it would feed
 * every epoch the same order; this one reshuffles, as Keras' {@code fit} and the tutorial do.
 *
 * <p>Batches are gathered from the training arrays by row index. Asynchronous prefetch is refused so that the
 * network sees the batches on the calling thread, in plan order — and so each batch can be gathered into arrays
 * reused from step to step (one pair per batch length: an epoch has at most two): {@code fit} is done with a batch
 * before it asks for the next one. Fresh arrays per batch cost two native allocations each step, and each
 * allocation is tracked by ND4J's deallocator (docs/PERFORMANCE.md).
 */
public final class PlanIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    // DataSetIterator is Serializable by inheritance; this iterator is a per-run object and is never serialised.
    private final transient Rows features;
    private final transient Rows labels;
    private final transient BatchPlan plan;
    private final transient BatchPlan.Epochs epochs;
    private transient int[] order;
    private transient int nextBatch;
    private transient int epoch;
    private transient int lastBatchLength;
    private transient DataSetPreProcessor preProcessor;
    private transient DataSet full;
    private transient DataSet partial;

    /**
     * Constructs an iterator positioned at the first batch of the first epoch.
     *
     * @param features the training features, m × n_features.
     * @param labels the training targets, m × n_targets.
     * @param plan the batch plan; its cursor starts fresh here.
     */
    public PlanIterator(Rows features, Rows labels, BatchPlan plan) {
        if (features.rows() != plan.rows() || labels.rows() != plan.rows()) {
            throw new IllegalArgumentException("plan has " + plan.rows() + " rows, data " + features.rows());
        }
        this.features = features;
        this.labels = labels;
        this.plan = plan;
        this.epochs = plan.epochs();
        this.order = epochs.next();
        this.epoch = 1;
    }

    /** @return the shuffle stream's state after the epochs drawn so far (for a checkpoint), or {@code null}. */
    public dev.minibatch.random.NumpyRandomState.State shuffleState() {
        return epochs.state();
    }

    /**
     * Puts the iterator where it stood after some epochs, so that the next {@link #reset()} serves the one after.
     *
     * @param state the shuffle state {@link #shuffleState()} gave then, or {@code null} to draw the epochs again.
     * @param epochsDone the epochs served.
     */
    public void restore(dev.minibatch.random.NumpyRandomState.State state, int epochsDone) {
        if (state != null) {
            epochs.restore(state, epochsDone);
        } else {
            epochs.restore(null, epochsDone - 1);   // the constructor drew the first epoch already
        }
        epoch = epochsDone;
        nextBatch = plan.batchesPerEpoch();
    }

    /** @return the epoch currently being served, from 1. */
    public int epoch() {
        return epoch;
    }

    /** @return the row order of the current epoch (a copy). */
    public int[] order() {
        return order.clone();
    }

    /** @return the number of rows in the batch most recently returned by {@link #next()}. */
    public int lastBatchLength() {
        return lastBatchLength;
    }

    @Override
    public boolean hasNext() {
        return nextBatch < plan.batchesPerEpoch();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches");
        }
        int start = plan.batchStart(nextBatch);
        int len = plan.batchLength(nextBatch);
        nextBatch++;
        lastBatchLength = len;
        DataSet ds = preProcessor == null ? buffers(len) : new DataSet(array(features, len), array(labels, len));
        features.gather(order, start, len, ds.getFeatures());
        labels.gather(order, start, len, ds.getLabels());
        if (preProcessor != null) {
            preProcessor.preProcess(ds);   // may replace or modify the arrays: it gets fresh ones
        }
        return ds;
    }

    private DataSet buffers(int len) {
        if (full == null || full.numExamples() == len) {
            if (full == null) {
                full = new DataSet(array(features, len), array(labels, len));
            }
            return full;
        }
        if (partial == null || partial.numExamples() != len) {
            partial = new DataSet(array(features, len), array(labels, len));
        }
        return partial;
    }

    private static INDArray array(Rows like, int rows) {
        return Nd4j.createUninitialized(like.type(), rows, like.columns());
    }

    /**
     * Not supported: the plan fixes the batch size.
     *
     * @param num ignored.
     * @return never.
     */
    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("the batch plan fixes the batch size");
    }

    /** Moves to the first batch of the next epoch, whose row order is freshly drawn from the plan. */
    @Override
    public void reset() {
        order = epochs.next();
        nextBatch = 0;
        epoch++;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int inputColumns() {
        return features.columns();
    }

    @Override
    public int totalOutcomes() {
        return labels.columns();
    }

    @Override
    public int batch() {
        return plan.batchSize();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
