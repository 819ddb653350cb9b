package io.llmload.runner.workload;

import java.util.SplittableRandom;

/**
 * Random words, as many tokens as the distribution draws under the workload's tokenizer: the count is known exactly
 * without tokenizing each prompt.
 */
final class SyntheticPrompts implements PromptSource {

    private final TokenDistribution tokens;
    private final Tokenizer tokenizer;

    SyntheticPrompts(TokenDistribution tokens, Tokenizer tokenizer) {
        this.tokens = tokens;
        this.tokenizer = tokenizer;
    }

    @Override
    public UserMessage next(SplittableRandom random) {
        int count = tokens.sample(random);
        return UserMessage.of(SyntheticText.ofTokens(tokenizer, count, random), count);
    }
}
