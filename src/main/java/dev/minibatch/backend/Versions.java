package dev.minibatch.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of minibatch and of the DL4J release it was built with, filtered in by Maven at build time. */
public final class Versions {
    private static final Properties PROPS = load();

    private Versions() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/minibatch-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** @return minibatch's own version. */
    public static String minibatch() {
        return PROPS.getProperty("minibatch.version", "unknown");
    }

    /** @return the DL4J/ND4J/DataVec release on the class path. */
    public static String nd4j() {
        return PROPS.getProperty("dl4j.version", "unknown");
    }

    /** @return the JavaCPP version. */
    public static String javacpp() {
        return PROPS.getProperty("javacpp.version", "unknown");
    }

    /** @return the build of JavaCPP's CUDA presets on the class path (13.x in the default build). */
    public static String cudaPresets() {
        return PROPS.getProperty("cuda.presets.version", "unknown");
    }

    /** @return the OpenBLAS build. */
    public static String openblas() {
        return PROPS.getProperty("openblas.version", "unknown");
    }
}
