package io.llmload.runner.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Per-user-request figures of a composite request type in one cell: how many ended (succeeded or failed, like
 * requests), how many failed or were interrupted, and — over the succeeded ones — histograms of end-to-end latency
 * (µs), tokens (input + output of every step) and steps, plus the think time they contained.
 */
public final class UserRequestStats {

    public static final String E2E = "e2e";
    public static final String TOKENS = "tokens";
    public static final String STEPS = "steps";

    private long count;
    private long failed;
    private long interrupted;
    private long thinkMicrosSum;
    private final Histogram e2e = Histograms.create();
    private final Histogram tokens = Histograms.create();
    private final Histogram steps = Histograms.create();

    public void record(UserRequestTrace trace) {
        switch (trace.outcome()) {
            case INTERRUPTED:
                interrupted++;
                return;
            case FAILED:
                count++;
                failed++;
                return;
            default:
                count++;
                Histograms.recordNanos(e2e, trace.endNanos() - trace.intendedNanos());
                tokens.recordValue(Math.max(0, trace.tokens()));
                steps.recordValue(Math.max(0, trace.steps()));
                thinkMicrosSum += trace.thinkNanos() / 1_000;
        }
    }

    /** Nothing recorded, not even an interrupted user request. */
    public boolean isEmpty() {
        return count == 0 && interrupted == 0;
    }

    public void add(UserRequestStats other) {
        count += other.count;
        failed += other.failed;
        interrupted += other.interrupted;
        thinkMicrosSum += other.thinkMicrosSum;
        e2e.add(other.e2e);
        tokens.add(other.tokens);
        steps.add(other.steps);
    }

    public UserRequestData toData() {
        Map<String, String> encoded = new LinkedHashMap<>();
        encoded.put(E2E, Histograms.encode(e2e));
        encoded.put(TOKENS, Histograms.encode(tokens));
        encoded.put(STEPS, Histograms.encode(steps));
        return new UserRequestData(count, failed, interrupted, thinkMicrosSum, encoded);
    }

    public static UserRequestStats fromData(UserRequestData data) {
        UserRequestStats stats = new UserRequestStats();
        stats.count = data.count();
        stats.failed = data.failed();
        stats.interrupted = data.interrupted();
        stats.thinkMicrosSum = data.thinkMicrosSum();
        Map<String, String> histograms = data.histograms() == null ? Map.of() : data.histograms();
        decodeInto(histograms.get(E2E), stats.e2e);
        decodeInto(histograms.get(TOKENS), stats.tokens);
        decodeInto(histograms.get(STEPS), stats.steps);
        return stats;
    }

    private static void decodeInto(String encoded, Histogram target) {
        if (encoded != null) {
            target.add(Histograms.decode(encoded));
        }
    }

    /** User requests that ended: succeeded + failed (interrupted ones are neither). */
    public long count() {
        return count;
    }

    public long succeeded() {
        return count - failed;
    }

    public long failed() {
        return failed;
    }

    public long interrupted() {
        return interrupted;
    }

    /** Mean think time per succeeded user request in ms, NaN without any. */
    public double meanThinkMillis() {
        long n = succeeded();
        return n == 0 ? Double.NaN : thinkMicrosSum / 1000.0 / n;
    }

    /** First step's intended send time → last step's end, µs. */
    public Histogram e2e() {
        return e2e;
    }

    /** Input + output tokens per user request. */
    public Histogram tokens() {
        return tokens;
    }

    /** Steps per user request. */
    public Histogram steps() {
        return steps;
    }
}
