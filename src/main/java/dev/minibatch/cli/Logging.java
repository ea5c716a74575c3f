package dev.minibatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches the library loggers between quiet (warnings only, the default) and verbose. */
final class Logging {
    private static final String[] NAMES = {"org.nd4j", "org.deeplearning4j", "org.datavec", "org.bytedeco",
        "dev.minibatch"};

    private Logging() {
    }

    /**
     * Sets the level of minibatch's and the libraries' loggers. Call before ND4J loads so its banner obeys.
     *
     * @param verbose whether to show info-level messages.
     */
    static void configure(boolean verbose) {
        Level level = verbose ? Level.INFO : Level.WARN;
        for (String name : NAMES) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
        }
        // ND4J warns when it skips an unavailable CUDA backend; minibatch reports the reason itself unless verbose.
        ((Logger) LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend")).setLevel(verbose ? Level.INFO
                : Level.ERROR);
        // JavaCPP 1.5.13 (for the CUDA presets) beside DL4J's OpenBLAS 0.3.19-1.5.7 build warns that the versions
        // differ; every CPU result keeps its bits under it (docs/GPU.md), and the pairing is chosen: a warning that
        // reads like a fault is not detail, even with --verbose (`info` names both versions).
        ((Logger) LoggerFactory.getLogger("org.bytedeco.javacpp.Loader")).setLevel(Level.ERROR);
        // Spark (--spark) and the Hadoop and Jetty code it brings log thousands of INFO lines a run.
        for (String name : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
            "org.apache.parquet"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(verbose ? Level.INFO : Level.ERROR);
        }
    }
}
