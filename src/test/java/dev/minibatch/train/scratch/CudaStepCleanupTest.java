package dev.minibatch.train.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.batch.Shuffle;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.cuda.CudaEmulator;
import dev.minibatch.cuda.CudaException;
import dev.minibatch.cuda.Device;
import dev.minibatch.cuda.KernelArgs;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.TrainTestSplit;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.Parameters;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** A GPU that runs out of memory while a run sets up gives back every buffer already taken. */
class CudaStepCleanupTest {

    /** The emulator, failing its n-th allocation as a full GPU does. */
    private static final class FullAfter implements Device {
        private final Device inner;
        private int left;

        FullAfter(Device inner, int allocations) {
            this.inner = inner;
            this.left = allocations;
        }

        @Override
        public long alloc(long bytes) {
            if (left-- == 0) {
                throw new CudaException("could not allocate (test)", true);
            }
            return inner.alloc(bytes);
        }

        @Override
        public void free(long address) {
            inner.free(address);
        }

        @Override
        public void upload(long dst, Pointer src, long bytes) {
            inner.upload(dst, src, bytes);
        }

        @Override
        public void download(Pointer dst, long src, long bytes) {
            inner.download(dst, src, bytes);
        }

        @Override
        public Object kernel(String name) {
            return inner.kernel(name);
        }

        @Override
        public void launch(Object kernel, int gridX, int gridY, int gridZ, int blockX, int blockY, KernelArgs args) {
            inner.launch(kernel, gridX, gridY, gridZ, blockX, blockY, args);
        }

        @Override
        public void bind() {
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public long memoryInUse() {
            return inner.memoryInUse();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anAllocationThatFailsPartWayFreesTheEarlierOnes() {
        CudaEmulator emu = CudaEmulator.open();
        assumeTrue(emu != null, "g++ builds the host build of the kernels");
        Regression r = MakeRegression.generate(100, 3, 3, 1, 0.0, 1.0, 1);
        Dataset d = Dataset.of(r.x(), r.y(), TrainTestSplit.split(100, 0.2, 1));
        TrainingConfig t = new TrainingConfig(Loss.MSE, 0.01, 2, 10, Shuffle.SEEDED, 1L, Precision.DOUBLE, 0.0);
        Parameters zero = new Parameters(new double[3][1], new double[1]);
        long before = emu.memoryInUse();
        CudaException e = assertThrows(CudaException.class, () -> new ScratchTrainer(new FullAfter(emu, 5))
                .train(d, BatchPlan.seeded(d.nTrain(), 10, 1L), zero, t, EpochListener.NONE));
        assertTrue(e.outOfMemory());
        assertEquals(before, emu.memoryInUse(), "every buffer taken before the failure was freed");
    }
}
