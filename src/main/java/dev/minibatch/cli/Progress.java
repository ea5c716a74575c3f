package dev.minibatch.cli;

import dev.minibatch.train.EpochListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import dev.minibatch.format.Numbers;

/**
 * A progress bar per trainer (epochs, current loss, ETA) on stderr, shown only when stderr is a terminal and the
 * run is neither quiet nor verbose (verbose prints one line per epoch instead).
 */
final class Progress implements EpochListener {
    private ProgressBar bar;
    private String trainer;

    /**
     * The progress bars of one run, whose loss reads as the summary table's: a regression's training loss as an MSE
     * (a half-MSE doubled, so the bar's number is the table's "train MSE"), a classifier's as its loss.
     *
     * @param toMse what turns the training loss into an MSE ({@code Loss.toMse}); 1 for a classifier.
     * @param classifier whether the run is a classifier.
     * @return the listener.
     */
    static EpochListener forTerminal(double toMse, boolean classifier) {
        if (System.console() == null) {
            return EpochListener.NONE;
        }
        Progress p = new Progress(0);
        p.lossLabel = classifier ? "train loss " : "train MSE ";
        p.lossScale = classifier ? 1 : toMse;
        return p;
    }

    /**
     * The sweep's progress: one bar at a time, named with the run's place in the sweep ("3/8 b=32 scratch"), each
     * cleared when done, so that the screen stays one line high whatever the number of batch sizes; its message
     * gives the whole sweep's share done and, from the time so far, the time it has left.
     *
     * @param totalEpochs the epochs of every batch size and trainer together.
     * @return the listener.
     */
    static EpochListener forSweep(long totalEpochs) {
        return System.console() != null ? new Progress(totalEpochs) : EpochListener.NONE;
    }

    private final long totalEpochs;     // a sweep's, or 0 for one run
    private final boolean transientBars;
    private final long started = System.nanoTime();
    private long done;
    private String lossLabel = "loss ";
    private double lossScale = 1;

    private Progress(long totalEpochs) {
        this.totalEpochs = totalEpochs;
        this.transientBars = totalEpochs > 0;
    }

    @Override
    public void epochDone(String name, dev.minibatch.train.EpochRecord record, int epochs) {
        if (bar == null || !name.equals(trainer)) {
            close();
            trainer = name;
            // At most 80 columns, and no speed field: on an 80-column terminal the speed and the unit left the
            // bar itself five characters wide. What is left: name, %, bar, epoch/epochs, elapsed/ETA, loss.
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(name).setInitialMax(epochs)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err,
                            Math.min(MAX_WIDTH, Terminal.width())));
            bar = (transientBars ? b.clearDisplayOnFinish() : b).build();
        }
        bar.stepTo(record.epoch());
        done++;
        String sweep = "";
        if (totalEpochs > 0) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            sweep = ", sweep " + Numbers.seconds(elapsed * (totalEpochs - done) / done) + " left";
        }
        // a sweep's bar has the sweep's time left instead of the loss (its table ends the sweep), so the bar keeps room
        bar.setExtraMessage(totalEpochs > 0 ? sweep.substring(2) : lossLabel + Numbers.format(lossScale * record.trainLoss(), 6));
        if (record.epoch() == epochs) {
            close();
        }
    }

    /** The widest a bar line gets, whatever the terminal. */
    static final int MAX_WIDTH = 80;

    /**
     * Shows a phase line on a terminal ("loading data …") until the next output replaces it.
     *
     * @param text the phase.
     * @return a handle whose {@code run()} erases the line.
     */
    static Runnable phase(String text) {
        if (System.console() == null) {
            return () -> { };
        }
        System.err.print(text + " …");
        System.err.flush();
        return () -> {
            System.err.print("\r\033[K");
            System.err.flush();
        };
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
