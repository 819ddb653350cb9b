package io.llmload.runner.workload;

import java.util.SplittableRandom;

/** The same text every time, counted once. */
final class FixedPrompt implements PromptSource {

    private final UserMessage message;

    FixedPrompt(String text, Tokenizer tokenizer) {
        this.message = UserMessage.of(text, tokenizer.count(text));
    }

    @Override
    public UserMessage next(SplittableRandom random) {
        return message;
    }
}
