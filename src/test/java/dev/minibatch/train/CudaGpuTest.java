package dev.minibatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.Optimizer;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.cuda.CudaDevice;
import dev.minibatch.cuda.CudaEmulator;
import dev.minibatch.data.Dataset;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On a real GPU (tag {@code gpu}, left out by default: {@code ./mvnw test -Dminibatch.excludedGroups=aeron} runs
 * it): the CUDA kernels agree with the HOST kernels to the GPU tolerance, and give the same bits as their host
 * build, every epoch.
 */
@Tag("gpu")
class CudaGpuTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("dev.minibatch.train.CudaKernelsAgreementTest#cases")
    void theGpuAgreesWithTheCpuAndEqualsTheHostBuildOfItsKernels(Optimizer.Kind kind,
                                                                 dev.minibatch.config.Loss loss,
                                                                 dev.minibatch.config.Precision p) {
        String problem = CudaDevice.problem();
        assumeTrue(problem == null, "no usable GPU: " + problem);
        CudaEmulator emu = CudaEmulator.open();
        assumeTrue(emu != null, "g++ builds the host build of the kernels");
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig t = TrainerFixtures.with(TrainerFixtures.training(loss, p, 6, 32, 0.01), 0, 0,
                LrSchedule.NONE, Optimizer.of(kind));
        InitialParameters init = TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult host = new ScratchTrainer(Kernels.HOST).train(data, plan, init.parameters(), t,
                EpochListener.NONE);
        TrainingResult gpu = new ScratchTrainer(CudaDevice.shared()).train(data, plan, init.parameters(), t,
                EpochListener.NONE);
        TrainingResult hostBuild = new ScratchTrainer(emu).train(data, plan, init.parameters(), t,
                EpochListener.NONE);
        Agreement a = Agreement.of(host, gpu, Agreement.gpuTolerance(p, host));
        assertTrue(a.agree(), a.verdict());
        Agreement same = Agreement.of(hostBuild, gpu, 0.0);
        System.out.printf("gpu %s %s %s: vs HOST %.3g; vs the host build %.3g%n", kind, loss, p,
                a.maxAbsParamDiff(), same.maxAbsParamDiff());
        assertTrue(same.agree(), "the GPU vs the host build of the same kernels: " + same.verdict());
        for (int e = 0; e < gpu.history().size(); e++) {
            assertEquals(hostBuild.history().get(e).batchLossMean(), gpu.history().get(e).batchLossMean(),
                    "epoch " + (e + 1) + " batch losses");
        }
    }
}
