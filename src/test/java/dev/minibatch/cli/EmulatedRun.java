package dev.minibatch.cli;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.backend.KernelDecision;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.Kernels;
import dev.minibatch.config.RunConfig;
import dev.minibatch.cuda.CudaEmulator;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.runfolder.RunFolder;
import dev.minibatch.train.Checkpointer;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a config with the scratch trainer on the host build of the CUDA kernels ({@link CudaEmulator}) and writes
 * the run folder, as {@code train} would. scripts/device-kit carries its results.json to a GPU machine, where
 * scripts/gpu-check holds the GPU's run to it: the GPU runs the same kernels, so it should give the same bits.
 *
 * <p>Usage: {@code EmulatedRun CONFIG OUT_DIR [KEY=VALUE ...]}.
 */
public final class EmulatedRun {
    private EmulatedRun() {
    }

    /**
     * Runs.
     *
     * @param args the config, the output folder, then overrides.
     * @throws Exception if the run fails.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");   // quiet, as the CLI
        List<ConfigOverride> overrides = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.add(new ConfigOverride(args[i].substring(0, eq), args[i].substring(eq + 1), args[i]));
        }
        RunConfig cfg = ConfigLoader.load(Path.of(args[0]), overrides);
        CudaEmulator emu = CudaEmulator.open();
        if (emu == null) {
            throw new IllegalStateException("g++ is needed for the host build of the CUDA kernels");
        }
        BackendDecision d = BackendDecision.cpu().withKernels(new KernelDecision(Kernels.CUDA,
                Kernels.CUDA, "the scratch trainer ran minibatch's CUDA kernels compiled for the host"
                + " (src/test/cuda/emulator.cpp), as a reference for a GPU's run"));
        RunOutcome run = TrainingRun.execute(new TrainingRun.Request(TrainingRun.prepare(cfg),
                List.of(new FrameworkTrainer(), new ScratchTrainer(emu)), EpochListener.NONE, d, Checkpointer.NONE));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        RunFolder.write(run, out);
        System.out.println(args[1] + ": " + run.agreement().verdict());
    }
}
