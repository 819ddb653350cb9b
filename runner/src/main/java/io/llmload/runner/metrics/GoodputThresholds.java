package io.llmload.runner.metrics;

/**
 * Per-request latency limits for goodput, in µs (negative: no limit on that metric). A request is good when it
 * succeeded and each of its own values is within its limit: TTFT, TPOT, E2E, and its mean inter-token latency
 * (the mean of its per-token ITL samples). A metric the request has no value for (TTFT of a non-streamed request,
 * TPOT and ITL of a one-token stream) does not count against it. Values are truncated to µs like the histograms.
 */
public record GoodputThresholds(long ttftMicros, long itlMicros, long tpotMicros, long e2eMicros) {

    /** No latency limits: every success is good. */
    public static final GoodputThresholds NONE = new GoodputThresholds(-1, -1, -1, -1);

    public boolean met(RequestTrace trace) {
        if (trace.interrupted() || trace.error() != null || !trace.isDone()) {
            return false;
        }
        long intended = trace.intendedNanos();
        if (!within(e2eMicros, trace.endNanos() - intended)) {
            return false;
        }
        if (!trace.streamed() || trace.chunks() == 0) {
            return true;
        }
        long first = trace.firstTokenNanos();
        if (!within(ttftMicros, first - intended)) {
            return false;
        }
        if (trace.outputTokens() > 1
                && !within(tpotMicros, (trace.endNanos() - first) / (trace.outputTokens() - 1))) {
            return false;
        }
        long tokensAfterFirst = itlMicros < 0 ? 0 : ChunkTokens.afterFirstChunk(trace);
        return tokensAfterFirst == 0
                || within(itlMicros, (trace.chunkNanos(trace.chunks() - 1) - first) / tokensAfterFirst);
    }

    private static boolean within(long limitMicros, long nanos) {
        return limitMicros < 0 || Math.max(0, nanos / 1_000) <= limitMicros;
    }
}
