package dev.minibatch.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How every report, plot and summary writes a number: significant digits without trailing zeros, plain decimals
 * for ordinary magnitudes and a short exponent otherwise ({@code 3.57}, {@code 191.158}, {@code 1e-10}, not
 * {@code 3.566155519} or {@code 1.000000000e-10}), seconds with a unit, and counts with a singular.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Formats a number to at most {@code sig} significant digits.
     *
     * @param v the value.
     * @param sig the largest number of significant digits (1 to 17).
     * @return e.g. "0", "431.569", "0.0123", "1.5e-10", "2.3e+07", "NaN".
     */
    public static String format(double v, int sig) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(sig, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        double a = Math.abs(d.doubleValue());
        if (a >= 1e-4 && a < 1e7) {
            return d.toPlainString();
        }
        String mantissa = d.unscaledValue().abs().toString();
        int exponent = d.precision() - d.scale() - 1;
        String m = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
        return (d.signum() < 0 ? "-" : "") + m + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }

    /**
     * Formats 10^e for a log axis, also where 10^e itself is beyond a double (an axis padded past 1e308).
     *
     * @param e the base-10 exponent.
     * @param sig the largest number of significant digits.
     * @return e.g. "200", "1e+300", "3.2e+310".
     */
    public static String pow10(double e, int sig) {
        if (Math.abs(e) < 300) {
            return format(Math.pow(10, e), sig);
        }
        long exponent = (long) Math.floor(e);
        String mantissa = format(Math.pow(10, e - exponent), sig);
        if (mantissa.equals("10")) {
            mantissa = "1";
            exponent++;
        }
        return mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }

    /**
     * Formats a duration in the unit that suits it, to three significant digits.
     *
     * @param seconds the duration.
     * @return e.g. "3.57 s", "12.4 ms", "850 µs", "2.1 min".
     */
    public static String seconds(double seconds) {
        double a = Math.abs(seconds);
        if (a >= 120) {
            return format(seconds / 60, 3) + " min";
        }
        if (a >= 1 || a == 0) {
            return format(seconds, 3) + " s";
        }
        if (a >= 1e-3) {
            return format(seconds * 1e3, 3) + " ms";
        }
        return format(seconds * 1e6, 3) + " µs";
    }

    /**
     * Writes a count with its noun, singular for one.
     *
     * @param n the count.
     * @param noun the singular noun, e.g. "update".
     * @return e.g. "1 update", "25 updates".
     */
    public static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
