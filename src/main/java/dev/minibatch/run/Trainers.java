package dev.minibatch.run;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Kernels;
import dev.minibatch.config.Setting;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one place that maps trainer names and choices to trainers. */
public final class Trainers {
    /** Every trainer's name, in the order runs train them. */
    public static final List<String> NAMES = List.of(FrameworkTrainer.NAME, ScratchTrainer.NAME);

    private Trainers() {
    }

    /**
     * Returns the trainers a choice runs, framework first.
     *
     * @param choice both, framework or scratch.
     * @return new trainers, the scratch one with the running backend's fastest kernels.
     */
    public static List<Trainer> of(TrainerChoice choice) {
        return of(choice, null);
    }

    /**
     * Returns the trainers a choice runs, framework first, the scratch one with decided kernels.
     *
     * @param choice both, framework or scratch.
     * @param kernels the scratch trainer's kernels (HOST, ND4J or CUDA), or {@code null} for the running backend's
     *     fastest without a GPU probe.
     * @return new trainers.
     */
    public static List<Trainer> of(TrainerChoice choice, Kernels kernels) {
        List<Trainer> trainers = new ArrayList<>();
        if (choice != TrainerChoice.SCRATCH) {
            trainers.add(new FrameworkTrainer());
        }
        if (choice != TrainerChoice.FRAMEWORK) {
            trainers.add(new ScratchTrainer(kernels == null ? Kernels.AUTO : kernels));
        }
        return trainers;
    }

    /**
     * Returns one trainer by name.
     *
     * @param name framework or scratch, in any case.
     * @param kernels the scratch trainer's kernels, or {@code null} for the backend's default.
     * @param flag the flag that named it, for messages.
     * @return the trainer.
     * @throws ConfigException if the name is unknown, or kernels are given for the framework trainer.
     */
    public static Trainer byName(String name, Kernels kernels, String flag) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals(FrameworkTrainer.NAME)) {
            if (kernels != null) {
                throw new ConfigException("--kernels: applies to " + flag + " scratch only");
            }
            return new FrameworkTrainer();
        }
        if (n.equals(ScratchTrainer.NAME)) {
            return new ScratchTrainer(kernels == null ? Kernels.AUTO : kernels);
        }
        throw new ConfigException(flag + ": must be one of " + String.join("|", NAMES) + ", got '"
                + Setting.clip(name) + "'");
    }
}
