package dev.minibatch.config;

/** The floating-point type both trainers compute in. */
public enum Precision {
    /** 64-bit IEEE doubles, as NumPy uses by default. */
    DOUBLE,
    /** 32-bit IEEE floats. */
    FLOAT
}
