package dev.minibatch.cli;

import dev.minibatch.train.EpochListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Locale;

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
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(epochs).setUnit(" epochs", 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .showSpeed().build();
        }
        bar.stepTo(record.epoch());
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.6g", record.trainLoss()));
        if (record.epoch() == epochs) {
            close();
        }
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
