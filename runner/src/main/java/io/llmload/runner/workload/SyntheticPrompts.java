package io.llmload.runner.workload;

import java.util.SplittableRandom;

/** Random words, as many tokens as the distribution draws: the count is known exactly without tokenizing. */
final class SyntheticPrompts implements PromptSource {

    private final TokenDistribution tokens;

    SyntheticPrompts(TokenDistribution tokens) {
        this.tokens = tokens;
    }

    @Override
    public UserMessage next(SplittableRandom random) {
        int count = tokens.sample(random);
        return UserMessage.of(SyntheticPrompt.ofTokens(count, random), count);
    }
}
