package dev.minibatch.results;

import java.util.List;

/**
 * One line of {@code minibatch bench --json}: one trainer timed on one workload.
 *
 * @param workload seed, mid or large.
 * @param trainer framework or scratch.
 * @param usPerStep the median microseconds per update step over the timed repetitions.
 * @param samplesPerS rows per second at that median.
 * @param peakRssMb the process's peak resident memory, MB (-1 where not readable).
 * @param steps update steps per repetition.
 * @param reps timed repetitions.
 * @param warmupReps untimed repetitions before them.
 * @param usPerStepAll every timed repetition's microseconds per step.
 * @param dataSeconds seconds to build the workload's data.
 * @param jvmStartSeconds JVM start to the command, before ND4J loads.
 * @param backendLoadSeconds ND4J's backend and native libraries.
 * @param threads the CPU threads in force, e.g. "nd4j 1 + BLAS 1 threads (default)" ({@code CpuThreads}).
 * @param backend CPU or CUDA.
 * @param engine how the trainer computes.
 * @param device where it computed: CPU, or the GPU with the memory the run allocated on it.
 * @param kernelUsPerStep on a GPU, the median microseconds per step the GPU spent in the kernels by its own clock
 *     (CUDA events around each epoch's launches): {@code usPerStep} less the host's work per step (drawing and
 *     copying up the epoch's row order, copying the losses down); {@code null} on the CPU.
 */
public record BenchRow(String workload, String trainer, double usPerStep, double samplesPerS, double peakRssMb,
                       long steps, int reps, int warmupReps, List<Double> usPerStepAll, double dataSeconds,
                       double jvmStartSeconds, double backendLoadSeconds, String threads, String backend,
                       String engine, String device, Double kernelUsPerStep) {
}
