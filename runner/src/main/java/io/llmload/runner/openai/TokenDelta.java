package io.llmload.runner.openai;

/**
 * The generated tokens one streamed chunk carried, by kind: answer text ({@code delta.content}, or {@code text} for
 * completions), reasoning ({@code delta.reasoning} / {@code delta.reasoning_content}) and tool-call fragments
 * ({@code delta.tool_calls}). A chunk may carry several kinds. Reused by the decoder: read it during
 * {@link StreamListener#onTokens} only.
 */
public final class TokenDelta {

    private String answer;
    private String reasoning;
    private boolean toolCall;
    private String toolCallText;

    TokenDelta() {
    }

    /** Fills this delta; returns whether it carries any token. */
    boolean set(String answer, String reasoning, boolean toolCall, String toolCallText) {
        this.answer = answer == null || answer.isEmpty() ? null : answer;
        this.reasoning = reasoning == null || reasoning.isEmpty() ? null : reasoning;
        this.toolCall = toolCall;
        this.toolCallText = toolCall && toolCallText != null ? toolCallText : null;
        return this.answer != null || this.reasoning != null || toolCall;
    }

    /** Whether the chunk carried answer text (what a user reads): the first such chunk is the first answer token. */
    public boolean hasAnswer() {
        return answer != null;
    }

    /** The answer text, or null. */
    public String answer() {
        return answer;
    }

    /** The reasoning text, or null. */
    public String reasoning() {
        return reasoning;
    }

    /** Whether the chunk carried a tool-call fragment (a function name, arguments, or just the call's id). */
    public boolean hasToolCall() {
        return toolCall;
    }

    /** The function names and argument fragments of the chunk's tool calls, concatenated; null when none. */
    public String toolCallText() {
        return toolCallText;
    }
}
