package io.llmload.runner.workload;

import java.util.SplittableRandom;

/**
 * A tokenizer that builds its own synthetic text of an exact token count (a model's tokenizer, whose vocabulary
 * decides which words cost one token). Tokenizers without it use {@link SyntheticPrompt}'s words, one token each.
 */
interface SyntheticText {

    String ofTokens(int tokens, SplittableRandom random);

    /** {@code tokens} tokens of synthetic text under {@code tokenizer}. */
    static String ofTokens(Tokenizer tokenizer, int tokens, SplittableRandom random) {
        return tokenizer instanceof SyntheticText own ? own.ofTokens(tokens, random)
                : SyntheticPrompt.ofTokens(tokens, random);
    }
}
