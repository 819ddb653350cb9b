package io.llmload.runner.metrics;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Histogram conventions: microseconds, 3 significant digits, auto-resizing (LLM streams run for minutes, so no
 * fixed upper bound that would clip them). Encoded as HdrHistogram's compressed format in base64, which merges
 * losslessly across runners and intervals.
 */
public final class Histograms {

    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    public static Histogram create() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The encoding of a histogram with nothing recorded (as {@link #create()} makes it). */
    public static String encodedEmpty() {
        return EncodedEmpty.VALUE;
    }

    /** Whether {@code base64} is {@link #encodedEmpty()}: nothing to decode. */
    public static boolean isEncodedEmpty(String base64) {
        return encodedEmpty().equals(base64);
    }

    public static Histogram decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
        }
    }

    /** Computed once, on first use. */
    private static final class EncodedEmpty {
        static final String VALUE = encode(create());
    }

    /** Records a nanosecond duration in µs; negative durations (clock quirks) count as 0. */
    public static void recordNanos(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1_000));
    }

    /** Records a nanosecond duration in µs {@code count} times. */
    public static void recordNanos(Histogram histogram, long nanos, long count) {
        histogram.recordValueWithCount(Math.max(0, nanos / 1_000), count);
    }
}
