package io.llmload.runner.workload;

import io.llmload.runner.report.DatasetUsage;
import io.llmload.runner.workload.dataset.DatasetEntry;
import io.llmload.runner.workload.dataset.DatasetReader;
import java.util.SplittableRandom;

/**
 * Entries of a dataset file in file order (this runner's share of them): the first human message is the prompt,
 * and its recorded reply's length the output length when {@code useDatasetOutputLength} is on.
 */
final class DatasetPrompts implements PromptSource {

    private final DatasetReader reader;
    private final Tokenizer tokenizer;
    private final boolean useOutputLength;

    DatasetPrompts(DatasetReader reader, Tokenizer tokenizer, boolean useOutputLength) {
        this.reader = reader;
        this.tokenizer = tokenizer;
        this.useOutputLength = useOutputLength;
    }

    @Override
    public UserMessage next(SplittableRandom random) {
        DatasetEntry entry = reader.next();
        String text = entry.firstPrompt();
        int output = useOutputLength ? entry.firstReplyTokens() : -1;
        return new UserMessage(text, tokenizer.count(text), output, entry);
    }

    @Override
    public DatasetUsage datasetUsage(String requestType) {
        return reader.usage(requestType);
    }

    @Override
    public void close() {
        reader.close();
    }
}
