package io.llmload.runner.workload.dataset;

import io.llmload.runner.workload.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry whose fields are valid, with its texts: human messages, the reply to each (null: none), and a plain
 * JSONL entry's max_tokens.
 */
record ParsedEntry(String id, String systemPrompt, List<String> userMessages, List<String> replies,
        Integer maxTokens) {

    /** The entry with its reply lengths counted. */
    DatasetEntry toEntry(Tokenizer tokenizer, String where) {
        List<ConversationTurn> turns = new ArrayList<>(userMessages.size());
        for (int i = 0; i < userMessages.size(); i++) {
            int replyTokens;
            if (maxTokens != null) {
                replyTokens = maxTokens;
            } else {
                int counted = tokenizer.count(replies.get(i));
                replyTokens = counted > 0 ? counted : -1;
            }
            turns.add(new ConversationTurn(userMessages.get(i), replyTokens));
        }
        return new DatasetEntry(id != null ? id : where, systemPrompt, turns);
    }
}
