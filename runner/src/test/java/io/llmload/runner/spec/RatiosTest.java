package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RatiosTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1%, 0.01",
            "0.1%, 0.001",
            "0.01, 0.01",
            "100%, 1.0",
            "0%, 0.0",
            "0, 0.0",
            "1, 1.0",
            "' 5 % ', 0.05",
    })
    void parsesPercentagesAndFractions(String text, double fraction) {
        assertThat(Ratios.parse(text)).hasValueSatisfying(v -> assertThat(v).isCloseTo(fraction, within(1e-12)));
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = { "150%", "-1%", "abc", "", "  ", "1.5", "-0.1", "%", "NaN", "NaN%", "Infinity", "1%%" })
    void rejectsValuesOutsideZeroToOneOrNotNumbers(String text) {
        assertThat(Ratios.parse(text)).isEmpty();
    }

    @Test
    void rejectsNull() {
        assertThat(Ratios.parse(null)).isEmpty();
    }

    @Test
    void parseOrFallsBackForMissingOrInvalidText() {
        assertThat(Ratios.parseOr(null, 0.5)).isEqualTo(0.5);
        assertThat(Ratios.parseOr("150%", 0.5)).isEqualTo(0.5);
        assertThat(Ratios.parseOr("2%", 0.5)).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void formatWritesAPercentageWithoutTrailingZeros() {
        assertThat(Ratios.format(0.01)).isEqualTo("1%");
        assertThat(Ratios.format(0.001)).isEqualTo("0.1%");
        assertThat(Ratios.format(0.0125)).isEqualTo("1.25%");
        assertThat(Ratios.format(0.1)).isEqualTo("10%");
        assertThat(Ratios.format(1.0)).isEqualTo("100%");
        assertThat(Ratios.format(0.0)).isEqualTo("0%");
        assertThat(Ratios.format(0.00001)).isEqualTo("0.001%");
    }

    @Test
    void formatThenParseRoundTrips() {
        for (double f : new double[] { 0, 0.001, 0.005, 0.01, 0.0125, 0.2, 1 }) {
            assertThat(Ratios.parse(Ratios.format(f))).hasValueSatisfying(v -> assertThat(v).isCloseTo(f, within(1e-12)));
        }
    }
}
