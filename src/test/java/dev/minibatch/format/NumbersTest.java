package dev.minibatch.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest {
    @ParameterizedTest(name = "{0} to {1} digits is {2}")
    @CsvSource({
        "0, 4, 0",
        "3.566155519, 3, 3.57",
        "1.0e-10, 10, 1e-10",
        "1.5e-10, 4, 1.5e-10",
        "-2.5e-12, 4, -2.5e-12",
        "431.5692053658692, 10, 431.5692054",
        "191.158, 4, 191.2",
        "0.0123456, 3, 0.0123",
        "0.0001, 4, 0.0001",
        "0.00009, 4, 9e-5",
        "21430000, 4, 2.143e+7",
        "1234567, 4, 1235000",
        "16.678106755877238, 10, 16.67810676",
    })
    void significantDigitsWithoutTrailingZeros(double v, int sig, String expected) {
        assertEquals(expected, Numbers.format(v, sig));
    }

    @ParameterizedTest(name = "{0} s is {1}")
    @CsvSource({"3.566155519, 3.57 s", "0.0551, 55.1 ms", "0.000822, 822 µs", "0, 0 s", "250, 4.17 min"})
    void secondsInAUnitThatSuits(double s, String expected) {
        assertEquals(expected, Numbers.seconds(s));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"1, update, 1 update", "25, update, 25 updates", "2400, epoch, '2,400 epochs'", "0, row, 0 rows"})
    void countsTakeASingular(long n, String noun, String expected) {
        assertEquals(expected, Numbers.count(n, noun));
    }
}
