package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "500ms, 500",
            "30s, 30000",
            "5m, 300000",
            "1h, 3600000",
            "1m30s, 90000",
            "1h2m3s4ms, 3723004",
            "1.5s, 1500",
            "' 45s ', 45000",
    })
    void parsesGoStyleDurationsToMillis(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = { "", "   ", "0s", "0ms", "-5s", "5", "5x", "abc", "s", "1.2.3s", "5 s", "1s-" })
    void rejectsTextThatIsNotAPositiveDuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    void rejectsNull(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void parseOrFallsBackOnlyForMissingOrInvalidText() {
        Duration fallback = Duration.ofSeconds(7);
        assertThat(Durations.parseOr(null, fallback)).isEqualTo(fallback);
        assertThat(Durations.parseOr("nonsense", fallback)).isEqualTo(fallback);
        assertThat(Durations.parseOr("2m", fallback)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void formatUsesTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }

    @Test
    void formatThenParseRoundTrips() {
        for (long ms : new long[] { 1, 999, 1_000, 61_000, 60_000, 3_600_000, 5_400_000 }) {
            Duration d = Duration.ofMillis(ms);
            assertThat(Durations.parse(Durations.format(d))).as("%d ms", ms).contains(d);
        }
    }

    @Test
    void hintTellsTheUserWhatAValidDurationLooksLike() {
        assertThat(Durations.HINT).startsWith("must be a positive duration like").contains("500ms", "30s", "5m", "1h");
    }
}
