package io.llmload.runner.workload;

/** One token per word and per punctuation mark ({@link TokenCounter}): no vocabulary, nothing to load. */
final class ApproximateTokenizer implements Tokenizer {

    static final ApproximateTokenizer INSTANCE = new ApproximateTokenizer();

    private ApproximateTokenizer() {
    }

    @Override
    public String name() {
        return APPROXIMATE;
    }

    @Override
    public int count(String text) {
        return TokenCounter.count(text);
    }

    @Override
    public String toString() {
        return name();
    }
}
