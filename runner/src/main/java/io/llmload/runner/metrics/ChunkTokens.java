package io.llmload.runner.metrics;

import java.util.Arrays;

/**
 * How many tokens each content chunk of a stream carried. A server that sends one token per chunk has as many chunks
 * as {@code usage.completion_tokens}: each chunk is one token, whatever the client's approximate count says. A server
 * that packs several tokens per chunk reports more tokens than chunks: its {@code usage.completion_tokens} are then
 * spread over the chunks in proportion to the client's count of each chunk, at least 1 per chunk, summing exactly to
 * the usage. Without usage (or with fewer tokens than chunks) every chunk counts as one token.
 *
 * <p>One token more than chunks is not packing: servers count the end-of-sequence token in
 * {@code usage.completion_tokens} but stream no text for it (TGI sends it as an empty delta, vLLM folds it into the
 * finish chunk), so such a stream is one token per chunk.
 */
public final class ChunkTokens {

    private ChunkTokens() {
    }

    /**
     * The stream's chunk count differs from the server's completion tokens beyond the end-of-sequence token (checked
     * only when usage came).
     */
    public static boolean differsFromUsage(RequestTrace trace) {
        return trace.hasUsage() && trace.chunks() > 0 && trace.chunks() != trace.outputTokens() && !eosOnly(trace);
    }

    /** Several tokens per chunk: usage reported more tokens than chunks arrived, beyond the end-of-sequence token. */
    public static boolean packed(RequestTrace trace) {
        return trace.hasUsage() && trace.chunks() > 0 && trace.outputTokens() > trace.chunks() + 1;
    }

    /** Usage is exactly the chunks plus the end-of-sequence token. */
    private static boolean eosOnly(RequestTrace trace) {
        return trace.outputTokens() == trace.chunks() + 1;
    }

    /** Tokens of each chunk (length {@code chunks()}), by the rule above. */
    public static int[] spread(RequestTrace trace) {
        int n = trace.chunks();
        int[] tokens = new int[n];
        Arrays.fill(tokens, 1);
        if (!packed(trace)) {
            return tokens;
        }
        long extra = trace.outputTokens() - n;
        long weightTotal = 0;
        for (int i = 0; i < n; i++) {
            weightTotal += weight(trace, i);
        }
        // Cumulative rounding hands out exactly `extra` tokens beyond the first of each chunk.
        long weightSoFar = 0;
        long givenSoFar = 0;
        for (int i = 0; i < n; i++) {
            weightSoFar += weight(trace, i);
            long givenUpToHere = extra * weightSoFar / weightTotal;
            tokens[i] += (int) (givenUpToHere - givenSoFar);
            givenSoFar = givenUpToHere;
        }
        return tokens;
    }

    /** Tokens after the first chunk: what the gaps between chunks delivered (the first chunk's are in TTFT). */
    public static long afterFirstChunk(RequestTrace trace) {
        if (trace.chunks() < 2) {
            return 0;
        }
        if (!packed(trace)) {
            return trace.chunks() - 1;
        }
        int[] tokens = spread(trace);
        return trace.outputTokens() - tokens[0];
    }

    private static long weight(RequestTrace trace, int chunk) {
        return Math.max(1, trace.chunkClientTokens(chunk));
    }
}
