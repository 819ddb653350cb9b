package io.llmload.runner.openai;

/**
 * What a {@link StreamDecoder} reports about one streamed response. Callbacks run on the caller's thread, inside
 * {@link StreamDecoder#feed} / {@link StreamDecoder#end}.
 */
public interface StreamListener {

    /**
     * A chunk carrying generated tokens of any kind (answer, reasoning, tool call); {@code nanos} is the arrival time
     * of the network read that carried it. {@code delta} is valid during the call only.
     */
    void onTokens(long nanos, TokenDelta delta);

    /** A {@code usage} object; may come on every chunk (vLLM continuous usage stats): the last one wins. -1 = absent. */
    void onUsage(int promptTokens, int completionTokens);

    /** The first non-null {@code finish_reason}. */
    void onFinish(String finishReason);

    /**
     * The stream completed: {@code data: [DONE]}, or the end of the body after a {@code finish_reason} (servers that
     * send no [DONE]). Called exactly once; events after it are ignored.
     */
    void onComplete(long nanos);

    /** The stream failed; called at most once, and nothing is called after it. */
    void onError(StreamError error);
}
