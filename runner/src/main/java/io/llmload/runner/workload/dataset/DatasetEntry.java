package io.llmload.runner.workload.dataset;

import java.util.List;

/**
 * One usable dataset entry: a conversation's human messages in order with their reply lengths (a plain JSONL entry
 * is a conversation of one turn), and its system message if it had one.
 *
 * @param id the entry's own id, or its position (e.g. "line 12") when it has none
 * @param systemPrompt the conversation's system message, or null
 */
public record DatasetEntry(String id, String systemPrompt, List<ConversationTurn> turns) {

    public DatasetEntry {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a dataset entry has at least one turn");
        }
        turns = List.copyOf(turns);
    }

    /** The first human message: the prompt of a single-turn request. */
    public String firstPrompt() {
        return turns.get(0).userMessage();
    }

    /** The first reply's length (the output length this prompt had), or -1 when the dataset has none. */
    public int firstReplyTokens() {
        return turns.get(0).replyTokens();
    }
}
