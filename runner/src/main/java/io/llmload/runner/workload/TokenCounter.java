package io.llmload.runner.workload;

/**
 * The {@code approximate} tokenizer's count: one token per word and one per punctuation mark. Real BPE tokenizers
 * (cl100k, Llama) land within ~30% of this on English text. Prefer {@link Tokenizer}, which the manifest selects.
 */
public final class TokenCounter {

    private TokenCounter() {
    }

    public static int count(CharSequence text) {
        if (text == null) {
            return 0;
        }
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    tokens++;
                }
            }
        }
        return tokens;
    }
}
