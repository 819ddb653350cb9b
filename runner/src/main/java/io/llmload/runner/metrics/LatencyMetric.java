package io.llmload.runner.metrics;

/** The latency series recorded per request (DESIGN.md §4), each in microseconds in its own HdrHistogram. */
public enum LatencyMetric {
    /** Intended send time → first chunk carrying generated tokens of any kind: answer, reasoning, tool call (streaming only). */
    TTFT("ttft"),
    /** Intended send time → first chunk of answer text (content), after any reasoning or tool-call tokens. */
    TTFA("ttfa"),
    /** Gaps between consecutive token chunks (all kinds), per token: a gap divided by the tokens its chunk carried. */
    ITL("itl"),
    /** (E2E − TTFT) / (output tokens − 1), per request. */
    TPOT("tpot"),
    /** Intended send time → last byte. */
    E2E("e2e"),
    /** Actual send → last byte. */
    SERVICE_TIME("serviceTime"),
    /** Actual send − intended send: how late the client was (pool waits, timer lag). */
    SEND_LAG("sendLag"),
    /**
     * Interrupted requests (cut by the end of the graceful stop or an abort): intended send time → the cut. A lower
     * bound of the E2E they would have had; kept apart from the completed requests' E2E.
     */
    INTERRUPTED_E2E("interruptedE2e"),
    /**
     * Interrupted streams: intended send time → their first token, or → the cut when none came (a lower bound of
     * their TTFT). Kept apart from the completed requests' TTFT.
     */
    INTERRUPTED_TTFT("interruptedTtft");

    private final String key;

    LatencyMetric(String key) {
        this.key = key;
    }

    /** The JSON key stem (ttft → ttftMs in reports). */
    public String key() {
        return key;
    }
}
