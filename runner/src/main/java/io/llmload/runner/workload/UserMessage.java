package io.llmload.runner.workload;

import io.llmload.runner.workload.dataset.DatasetEntry;

/**
 * A drawn user message and what the client knows about it.
 *
 * @param tokens the text's token count under the workload's tokenizer
 * @param outputTokens the output length the source asks for (a dataset reply's length), or -1 to draw it from
 *     {@code output.maxTokens}
 * @param entry the dataset entry the text came from (its further turns are there), or null
 */
public record UserMessage(String text, int tokens, int outputTokens, DatasetEntry entry) {

    public static UserMessage of(String text, int tokens) {
        return new UserMessage(text, tokens, -1, null);
    }
}
