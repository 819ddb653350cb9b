package io.llmload.runner.workload;

import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.spec.DatasetSpec;
import io.llmload.runner.spec.PromptSpec;
import io.llmload.runner.workload.dataset.DatasetReader;
import java.nio.file.Path;

/** Builds a request type's {@link PromptSource} from its prompt section. */
final class PromptSources {

    private PromptSources() {
    }

    /**
     * @throws io.llmload.runner.workload.dataset.DatasetException when the type's dataset cannot be used
     */
    static PromptSource of(PromptSpec prompt, String typeName, Tokenizer tokenizer, RunnerShare share) {
        PromptSource source;
        if (prompt.dataset() != null) {
            DatasetSpec dataset = prompt.dataset();
            DatasetReader reader = DatasetReader.open(Path.of(dataset.path()), dataset.format(),
                    dataset.skipsInvalid(), share, tokenizer);
            source = new DatasetPrompts(reader, tokenizer, dataset.usesDatasetOutputLength());
        } else if (prompt.prompts() != null) {
            source = new InlinePrompts(prompt.prompts(), tokenizer);
        } else if (prompt.inputTokens() != null) {
            source = new SyntheticPrompts(TokenDistribution.of(prompt.inputTokens()), tokenizer);
        } else {
            source = new FixedPrompt(prompt.text(), tokenizer);
        }
        Integer prefix = prompt.sharedPrefixTokens();
        return prefix == null ? source : new SharedPrefix(source, prefix, typeName, tokenizer);
    }
}
