package dev.minibatch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.Loss;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.Optimizer;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.TrainTestSplit;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.InitialParameters;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;
import dev.minibatch.batch.Shuffle;
import dev.minibatch.config.Init;
import dev.minibatch.config.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real {@link CudaDevice} — JavaCPP's CUDA presets, the driver API calls, the kernel arguments — on the fake
 * driver ({@link FakeDriver}): it opens, and it trains to the same bits as the kernels' host build called through
 * JNA, so everything between minibatch and the driver is what the tests of the kernels tested.
 */
class CudaDeviceTest {
    private static CudaDevice open() {
        Path dir = FakeDriver.folder();
        assumeTrue(dir != null, "g++ and a CUDA 13 runtime (libcudart.so.13) are needed for the fake driver");
        return CudaDevice.open(CudaLibraries.find(Map.of("MINIBATCH_CUDA_LIBS", dir.toString()), List.of(),
                List.of(Path.of("/"))), 0);
    }

    @Test
    void theDeviceOpensAndSaysWhatItIs() {
        CudaDevice d = open();
        assertTrue(d.description().startsWith("GPU 0: minibatch fake driver (compute capability 9.0, 80 GiB; driver"
                + " CUDA 13.0; runtime "), d.description());
        long before = d.memoryInUse();
        long a = d.alloc(1 << 20);
        assertEquals(before + (1 << 20), d.memoryInUse());
        d.free(a);
        CudaException e = assertThrows(CudaException.class, () -> d.kernel("no_such_kernel").toString().length());
        assertTrue(e.getMessage().contains("no_such_kernel") || e.getMessage().startsWith("cuModuleGetFunction"),
                e.getMessage());
    }

    /**
     * The fake driver, as the real one, needs a current context per thread: memory made on one thread is filled,
     * read and freed from another (a checkpoint restore, a clean-up), each call making the context current first.
     */
    @Test
    void everyEntryPointMakesTheContextCurrentOnItsThread() throws Exception {
        CudaDevice d = open();
        long a = d.alloc(4096);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread other = new Thread(() -> {
            try (org.bytedeco.javacpp.BytePointer p = new org.bytedeco.javacpp.BytePointer(4096)) {
                d.upload(a, p, 4096);
                d.download(p, a, 4096);
                d.free(a);
                d.kernel("forward_f32");
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        other.start();
        other.join();
        assertEquals(null, failed.get(), String.valueOf(failed.get()));
    }

    @Test
    void theRealDeviceTrainsToTheHostBuildsBitsAndAgreesWithTheHostKernels() {
        CudaDevice gpu = open();
        CudaEmulator emu = CudaEmulator.open();
        assumeTrue(emu != null, "g++ builds the host build of the kernels");
        Regression r = MakeRegression.generate(600, 40, 20, 2, 0.5, 2.0, 3);
        Dataset data = Dataset.of(r.x(), r.y(), TrainTestSplit.split(600, 0.2, 3));
        for (Precision p : Precision.values()) {
            // double: the linear model; float: a network with an output activation (every network kernel)
            java.util.List<dev.minibatch.config.LayerSpec> hidden = p == Precision.DOUBLE ? java.util.List.of()
                    : java.util.List.of(new dev.minibatch.config.LayerSpec.Dense(12, dev.minibatch.config.Activation.TANH),
                    new dev.minibatch.config.LayerSpec.Dense(6, dev.minibatch.config.Activation.RELU));
            TrainingConfig t = new TrainingConfig(Loss.MSE, 0.005, 4, 300, Shuffle.SEEDED, 5L, p, 0.0,
                    dev.minibatch.config.EarlyStopping.NONE, 0.001, 0.002, LrSchedule.NONE,
                    Optimizer.of(Optimizer.Kind.ADAM), hidden, p == Precision.DOUBLE
                    ? dev.minibatch.config.Activation.IDENTITY : dev.minibatch.config.Activation.SOFTPLUS);
            InitialParameters init = InitialParameters.draw(new ModelConfig(p == Precision.DOUBLE ? Init.NUMPY_RANDN
                    : Init.XAVIER_UNIFORM, 42), hidden, 40, 2);
            BatchPlan plan = BatchPlan.seeded(data.nTrain(), t.batchSize(), t.shuffleSeed());
            TrainingResult viaDriver = new ScratchTrainer(gpu).train(data, plan, init.parameters(), t,
                    EpochListener.NONE);
            TrainingResult viaJna = new ScratchTrainer(emu).train(data, plan, init.parameters(), t,
                    EpochListener.NONE);
            TrainingResult host = new ScratchTrainer(Kernels.HOST).train(data, plan, init.parameters(), t,
                    EpochListener.NONE);
            Agreement same = Agreement.of(viaJna, viaDriver, 0.0);
            assertTrue(same.agree(), p + ": through the driver API vs through JNA: " + same.verdict());
            for (int e = 0; e < viaJna.history().size(); e++) {
                assertEquals(viaJna.history().get(e).batchLossMean(), viaDriver.history().get(e).batchLossMean());
            }
            Agreement near = Agreement.of(host, viaDriver, Agreement.gpuTolerance(p, host));
            assertTrue(near.agree(), p + ": " + near.verdict());
            assertTrue(viaDriver.device().contains("minibatch fake driver"), viaDriver.device());
        }
    }
}
