package io.llmload.runner.workload;

import io.llmload.runner.report.DatasetUsage;
import java.util.SplittableRandom;

/**
 * Puts the same synthetic text of N tokens and a blank line before every message of a source, so that a server's
 * prefix cache can reuse it (vLLM automatic prefix caching). The prefix is drawn from the request type's name, not
 * the runner's seed: every runner of a test sends the identical prefix.
 */
final class SharedPrefix implements PromptSource {

    static final String SEPARATOR = "\n\n";

    private final PromptSource source;
    private final Tokenizer tokenizer;
    private final String prefix;
    private final int prefixTokens;
    private final int separatorTokens;

    SharedPrefix(PromptSource source, int tokens, String typeName, Tokenizer tokenizer) {
        this.source = source;
        this.tokenizer = tokenizer;
        this.prefix = text(tokens, typeName, tokenizer);
        this.prefixTokens = tokens;
        this.separatorTokens = tokenizer.count(SEPARATOR);
    }

    /** The prefix a request type named {@code typeName} uses. */
    static String text(int tokens, String typeName, Tokenizer tokenizer) {
        return SyntheticText.ofTokens(tokenizer, tokens,
                new SplittableRandom(0x5EED_0000_0000L ^ typeName.hashCode()));
    }

    @Override
    public UserMessage next(SplittableRandom random) {
        UserMessage message = source.next(random);
        String text = message.text();
        // The prefix ends in a word and the blank line splits from it, so the counts add up — unless the message
        // itself starts with blank space, which would merge into the separator.
        int tail = !text.isEmpty() && !Character.isWhitespace(text.charAt(0))
                ? separatorTokens + message.tokens()
                : tokenizer.count(SEPARATOR + text);
        return new UserMessage(prefix + SEPARATOR + text, prefixTokens + tail, message.outputTokens(),
                message.entry());
    }

    @Override
    public DatasetUsage datasetUsage(String requestType) {
        return source.datasetUsage(requestType);
    }

    @Override
    public void close() {
        source.close();
    }
}
