package io.llmload.runner.workload.dataset;

/**
 * One turn of a dataset conversation: the human message, and how long the recorded reply was.
 *
 * @param replyTokens the reply's token count under the workload's tokenizer (a plain JSONL entry's max_tokens),
 *     or -1 when the dataset has none for this turn
 */
public record ConversationTurn(String userMessage, int replyTokens) {

    public boolean hasReply() {
        return replyTokens > 0;
    }
}
