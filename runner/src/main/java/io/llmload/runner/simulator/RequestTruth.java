package io.llmload.runner.simulator;

/**
 * What the simulator actually did for one request. Timestamps are {@link System#nanoTime()} of this JVM. For
 * streaming requests {@code tokenNanos[i]} is when chunk i was handed to the socket; for non-streaming requests it
 * is when token i was generated. Requests that produced no token (embeddings, 429, 500) have an empty
 * {@code tokenNanos} and {@code firstTokenNanos == 0}.
 *
 * With several tokens per chunk every token of a chunk has that chunk's write time; {@code generatedNanos[i]} is
 * when the batch model generated token i (the per-token truth).
 *
 * @param api   "chat", "completions", "responses", "embeddings", "rerank" or "score"
 * @param fault null, "rate_limited", "server_error", "stall" or "malformed"
 */
public record RequestTruth(String requestId, String api, boolean stream, long arrivalNanos, long firstTokenNanos,
        long[] tokenNanos, long endNanos, int promptTokens, int completionTokens, String fault,
        long[] generatedNanos) {

    public static final String API_CHAT = "chat";
    public static final String API_COMPLETIONS = "completions";
    public static final String API_EMBEDDINGS = "embeddings";
    public static final String API_RESPONSES = "responses";
    public static final String API_RERANK = "rerank";
    public static final String API_SCORE = "score";

    /** Time to first token, or -1 when no token was produced. */
    public long ttftNanos() {
        return tokenNanos.length == 0 ? -1 : firstTokenNanos - arrivalNanos;
    }

    /** Consecutive differences of {@link #tokenNanos()}; length is max(0, tokens - 1). */
    public long[] interTokenGapsNanos() {
        if (tokenNanos.length < 2) {
            return new long[0];
        }
        long[] gaps = new long[tokenNanos.length - 1];
        for (int i = 1; i < tokenNanos.length; i++) {
            gaps[i - 1] = tokenNanos[i] - tokenNanos[i - 1];
        }
        return gaps;
    }

    /** Consecutive differences of {@link #generatedNanos()}: the decode time of each token after the first. */
    public long[] generationGapsNanos() {
        if (generatedNanos.length < 2) {
            return new long[0];
        }
        long[] gaps = new long[generatedNanos.length - 1];
        for (int i = 1; i < generatedNanos.length; i++) {
            gaps[i - 1] = generatedNanos[i] - generatedNanos[i - 1];
        }
        return gaps;
    }

    public long e2eNanos() {
        return endNanos - arrivalNanos;
    }
}
