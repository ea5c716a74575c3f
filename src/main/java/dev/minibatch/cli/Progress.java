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
     * Returns a progress bar listener when the output is an interactive terminal, otherwise a silent one.
     *
     * @return the listener.
     */
    static EpochListener forTerminal() {
        return System.console() != null ? new Progress() : EpochListener.NONE;
    }

    @Override
    public void epochDone(String name, dev.minibatch.train.EpochRecord record, int epochs) {
        if (bar == null || !name.equals(trainer)) {
            close();
            trainer = name;
            // At most 80 columns, and no speed field: on an 80-column terminal the speed and the unit left the
            // bar itself five characters wide. What is left: name, %, bar, epoch/epochs, elapsed/ETA, loss.
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(epochs)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err,
                            Math.min(MAX_WIDTH, terminalWidth()))).build();
        }
        bar.stepTo(record.epoch());
        bar.setExtraMessage("loss " + Numbers.format(record.trainLoss(), 6));
        if (record.epoch() == epochs) {
            close();
        }
    }

    /** The widest a bar line gets, whatever the terminal. */
    static final int MAX_WIDTH = 80;

    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            return columns == null ? MAX_WIDTH : Math.max(40, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return MAX_WIDTH;
        }
    }

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
