package io.llmload.runner.workload;

import io.llmload.runner.spec.WeightedPrompt;
import java.util.List;
import java.util.SplittableRandom;

/** A list from the manifest, one chosen per request in proportion to its weight; each counted once. */
final class InlinePrompts implements PromptSource {

    private final UserMessage[] messages;
    private final double[] cumulativeWeights;

    InlinePrompts(List<WeightedPrompt> prompts, Tokenizer tokenizer) {
        this.messages = new UserMessage[prompts.size()];
        this.cumulativeWeights = new double[prompts.size()];
        double sum = 0;
        for (int i = 0; i < prompts.size(); i++) {
            WeightedPrompt prompt = prompts.get(i);
            messages[i] = UserMessage.of(prompt.text(), tokenizer.count(prompt.text()));
            sum += prompt.weight() == null ? 1.0 : prompt.weight();
            cumulativeWeights[i] = sum;
        }
    }

    @Override
    public UserMessage next(SplittableRandom random) {
        double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (x < cumulativeWeights[i]) {
                return messages[i];
            }
        }
        return messages[messages.length - 1];
    }
}
