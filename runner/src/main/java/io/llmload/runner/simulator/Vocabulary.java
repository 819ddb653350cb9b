package io.llmload.runner.simulator;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Output text: each token is " word" from a fixed list of plain lowercase words, each exactly one token under every
 * tokenizer llmload offers (cl100k_base, o200k_base, approximate; VocabularyTest checks), so the client counts one
 * token per generated token and no JSON escaping is needed. The word of token i depends only on (seed, ordinal, i).
 */
final class Vocabulary {

    private static final String[] WORDS = {
        "the", "model", "token", "batch", "cache", "stream", "server", "network", "queue", "request",
        "driver", "decode", "memory", "kernel", "tensor", "layer", "attention", "sequence", "output", "input",
        "fast", "slow", "load", "test", "market", "answer", "value", "signal", "system", "time",
        "light", "river", "stone", "cloud", "green", "north", "quiet", "bright", "paper", "window",
        "table", "silver", "engine", "music", "orbit", "pixel", "vector", "matrix", "random", "steady",
        "alpha", "beta", "gamma", "delta", "omega", "sigma", "lambda", "night", "theta", "energy",
        "one", "two", "three", "four",
    };

    /** " word" as UTF-8, shared by all requests (read-only). */
    private static final byte[][] SPACED = new byte[WORDS.length][];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            SPACED[i] = (" " + WORDS[i]).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Vocabulary() {
    }

    static int wordIndex(long seed, long ordinal, int tokenIndex) {
        return (int) Math.floorMod(Mix.of(seed, ordinal, tokenIndex), (long) WORDS.length);
    }

    /** Appends " word" for token {@code tokenIndex} of request {@code ordinal}. */
    static void appendToken(Buffer buffer, long seed, long ordinal, int tokenIndex) {
        buffer.appendBytes(SPACED[wordIndex(seed, ordinal, tokenIndex)]);
    }

    static void appendToken(StringBuilder sb, long seed, long ordinal, int tokenIndex) {
        sb.append(' ').append(WORDS[wordIndex(seed, ordinal, tokenIndex)]);
    }

    /** The words output is made of (for tests). */
    static java.util.List<String> words() {
        return java.util.List.of(WORDS);
    }

    static int maxSpacedLength() {
        int max = 0;
        for (byte[] b : SPACED) {
            max = Math.max(max, b.length);
        }
        return max;
    }
}
