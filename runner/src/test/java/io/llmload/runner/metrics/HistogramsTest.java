package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    @Test
    void nanosAreRecordedAsMicrosTruncatedAndNegativeAsZero() {
        Histogram h = Histograms.create();
        Histograms.recordNanos(h, 1_999);
        assertThat(h.getMaxValue()).isEqualTo(1);
        Histograms.recordNanos(h, 999);
        Histograms.recordNanos(h, -5_000);
        assertThat(h.getTotalCount()).isEqualTo(3);
        assertThat(h.getMinValue()).isZero();
        assertThat(h.getCountAtValue(0)).isEqualTo(2);
    }

    @Test
    void valuesBelow2048MicrosAreExactAndLargerOnesKeepThreeSignificantDigits() {
        Histogram h = Histograms.create();
        h.recordValue(2_047);
        assertThat(h.getMaxValue()).isEqualTo(2_047);
        Histogram big = Histograms.create();
        big.recordValue(123_456_789); // ~2 minutes in µs: auto-resizes, relative error below 0.1%
        assertThat(Math.abs(big.getMaxValue() - 123_456_789) / 123_456_789.0).isLessThan(0.001);
        assertThat(Histograms.SIGNIFICANT_DIGITS).isEqualTo(3);
    }

    @Test
    void encodeDecodeRoundTripKeepsEveryCount() {
        Histogram h = Histograms.create();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            h.recordValue((long) Math.exp(random.nextDouble() * 20)); // 1 µs … 8 min
        }
        String encoded = Histograms.encode(h);
        assertThat(encoded).matches("[A-Za-z0-9+/=]+");
        Histogram back = Histograms.decode(encoded);
        assertThat(back).isEqualTo(h);
        assertThat(back.getTotalCount()).isEqualTo(10_000);
        for (double p : new double[] { 0, 50, 90, 95, 99, 99.9, 100 }) {
            assertThat(back.getValueAtPercentile(p)).isEqualTo(h.getValueAtPercentile(p));
        }
        assertThat(back.getMean()).isEqualTo(h.getMean());
        assertThat(Histograms.encode(back)).isEqualTo(encoded);
    }

    @Test
    void anEmptyHistogramRoundTrips() {
        Histogram back = Histograms.decode(Histograms.encode(Histograms.create()));
        assertThat(back.getTotalCount()).isZero();
    }

    @Test
    void aDecodedHistogramStillAutoResizes() {
        Histogram small = Histograms.create();
        small.recordValue(10);
        Histogram back = Histograms.decode(Histograms.encode(small));
        back.recordValue(3_600_000_000L); // one hour in µs
        assertThat(back.getTotalCount()).isEqualTo(2);
        Histogram target = Histograms.create();
        target.add(back);
        assertThat(target.getTotalCount()).isEqualTo(2);
    }

    @Test
    void decodingGarbageFailsWithAClearMessage() {
        assertThatThrownBy(() -> Histograms.decode("not base64 !!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an encoded HdrHistogram");
        assertThatThrownBy(() -> Histograms.decode("AAAAAAAAAAAAAAAA")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an encoded HdrHistogram");
    }
}
