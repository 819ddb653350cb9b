package io.llmload.runner.workload;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The "knowledge base" of a RAG request type: {@value #SIZE} synthetic documents of an exact token count, generated
 * from a seed. Which documents a question retrieves depends only on the question's text (as with a real vector
 * search), so equal questions carry equal context — and a server's prefix cache sees what it would in production.
 */
final class DocumentCorpus {

    static final int SIZE = 1000;

    private final long seed;
    private final int documentTokens;
    private final Tokenizer tokenizer;

    DocumentCorpus(long seed, int documentTokens, Tokenizer tokenizer) {
        this.seed = seed;
        this.documentTokens = documentTokens;
        this.tokenizer = tokenizer;
    }

    /** The {@code count} retrieved documents for {@code question}, separated by blank lines. */
    String context(String question, int count) {
        StringBuilder context = new StringBuilder(count * documentTokens * 7);
        for (int index : retrieve(question, count)) {
            if (context.length() > 0) {
                context.append("\n\n");
            }
            context.append(document(index));
        }
        return context.toString();
    }

    /** Distinct document indices, a pure function of the question text and the seed. */
    Set<Integer> retrieve(String question, int count) {
        SplittableRandom byQuestion = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + question.hashCode()
                + 31L * question.length());
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < Math.min(count, SIZE)) {
            picked.add(byQuestion.nextInt(SIZE));
        }
        return picked;
    }

    /** Document {@code index}: always the same text for the same seed (regenerated, not stored: it is cheap). */
    String document(int index) {
        return SyntheticText.ofTokens(tokenizer, documentTokens, new SplittableRandom(seed * 1_000_003L + index));
    }
}
