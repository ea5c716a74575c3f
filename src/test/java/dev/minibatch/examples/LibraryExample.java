package dev.minibatch.examples;

import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.TrainingResult;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Trains the tutorial's config from Java and prints what each trainer learned. */
public final class LibraryExample {
    public static void main(String[] args) {
        RunConfig config = ConfigLoader.load(Path.of("configs/seed.yaml"),
                List.of(new ConfigOverride("training.epochs", "20", "example")));
        RunOutcome run = TrainingRun.execute(TrainingRun.Request.of(config, TrainerChoice.BOTH));
        for (TrainingResult r : run.trainers().values()) {
            System.out.println(r.trainer() + ": W = " + Arrays.deepToString(r.fin().weights())
                    + ", b = " + Arrays.toString(r.fin().bias()) + ", test MSE = " + r.testMse());
        }
        System.out.println(run.agreement().verdict());
    }
}
