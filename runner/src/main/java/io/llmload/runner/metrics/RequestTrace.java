package io.llmload.runner.metrics;

import java.util.Arrays;

/**
 * What happened to one request, filled in by the request pipeline as it progresses and handed to the
 * {@link MetricsCollector} once it ends. Times are {@link System#nanoTime()} values. Confined to one event loop.
 */
public final class RequestTrace {

    private final String requestId;
    private final int typeIndex;
    private final long intendedNanos;
    private final boolean streamed;
    private final int clientPromptTokens;
    private long sendNanos;
    private long endNanos;
    private long[] chunkNanos = new long[16];
    private int chunks;
    /** Arrival of the first chunk with answer text (content), 0 until one came. */
    private long firstAnswerNanos;
    private int clientOutputTokens;
    private int usagePromptTokens = -1;
    private int usageCompletionTokens = -1;
    private ErrorClass error;
    private int httpStatus;
    private double retryAfterSeconds = Double.NaN;
    private String errorMessage;
    private boolean interrupted;
    /** Client token count of each content chunk, beside {@link #chunkNanos}. */
    private int[] chunkTokens = new int[16];
    private int attempt;

    public RequestTrace(String requestId, int typeIndex, long intendedNanos, boolean streamed, int clientPromptTokens) {
        this.requestId = requestId;
        this.typeIndex = typeIndex;
        this.intendedNanos = intendedNanos;
        this.streamed = streamed;
        this.clientPromptTokens = clientPromptTokens;
    }

    /** A retry: attempt n (1, 2, …) of a request whose first attempt failed; its intended time is when it was due. */
    public RequestTrace(String requestId, int typeIndex, long intendedNanos, boolean streamed, int clientPromptTokens,
            int attempt) {
        this(requestId, typeIndex, intendedNanos, streamed, clientPromptTokens);
        this.attempt = attempt;
    }

    public void sent(long nanos) {
        sendNanos = nanos;
    }

    /** A chunk of answer text arrived carrying {@code tokens} tokens (client count). */
    public void content(long nanos, int tokens) {
        tokens(nanos, tokens, true);
    }

    /**
     * A chunk of generated tokens of any kind arrived — answer text ({@code answer}), reasoning or a tool-call
     * fragment — carrying {@code tokens} tokens (client count). Every kind is a token for TTFT, ITL and TPOT.
     */
    public void tokens(long nanos, int tokens, boolean answer) {
        if (answer && firstAnswerNanos == 0) {
            firstAnswerNanos = nanos;
        }
        if (chunks == chunkNanos.length) {
            chunkNanos = Arrays.copyOf(chunkNanos, chunks * 2);
            chunkTokens = Arrays.copyOf(chunkTokens, chunks * 2);
        }
        chunkTokens[chunks] = tokens;
        chunkNanos[chunks++] = nanos;
        clientOutputTokens += tokens;
    }

    /** A non-streamed response's output, counted by the client. */
    public void output(int tokens) {
        clientOutputTokens += tokens;
    }

    public void usage(int promptTokens, int completionTokens) {
        usagePromptTokens = promptTokens;
        usageCompletionTokens = completionTokens;
    }

    public void status(int status) {
        httpStatus = status;
    }

    public void succeeded(long nanos) {
        endNanos = nanos;
    }

    public void failed(long nanos, ErrorClass errorClass, String message) {
        if (error == null) {
            endNanos = nanos;
            error = errorClass;
            errorMessage = message;
        }
    }

    public void retryAfter(double seconds) {
        retryAfterSeconds = seconds;
    }

    /** Cut short because the test stopped: neither a success nor an error. */
    public void interrupted(long nanos) {
        endNanos = nanos;
        interrupted = true;
    }

    public String requestId() {
        return requestId;
    }

    public int typeIndex() {
        return typeIndex;
    }

    public long intendedNanos() {
        return intendedNanos;
    }

    public long sendNanos() {
        return sendNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    public boolean streamed() {
        return streamed;
    }

    public int chunks() {
        return chunks;
    }

    public long chunkNanos(int i) {
        return chunkNanos[i];
    }

    /** Arrival of the first token chunk of any kind (TTFT), 0 when none came. */
    public long firstTokenNanos() {
        return chunks == 0 ? 0 : chunkNanos[0];
    }

    /** Arrival of the first chunk of answer text (time to first answer token), 0 when none came. */
    public long firstAnswerNanos() {
        return firstAnswerNanos;
    }

    public boolean hasUsage() {
        return usageCompletionTokens >= 0;
    }

    /** Output tokens: the server's usage when it reported one, else the client's count (DESIGN.md §4). */
    public int outputTokens() {
        return hasUsage() ? usageCompletionTokens : clientOutputTokens;
    }

    public int inputTokens() {
        return usagePromptTokens >= 0 ? usagePromptTokens : clientPromptTokens;
    }

    public int clientOutputTokens() {
        return clientOutputTokens;
    }

    public ErrorClass error() {
        return error;
    }

    public boolean isDone() {
        return endNanos != 0;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public double retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public boolean interrupted() {
        return interrupted;
    }

    /** The client's token count of content chunk {@code i}. */
    public int chunkClientTokens(int i) {
        return chunkTokens[i];
    }

    /** 0 for a request's first attempt, n for its n-th retry. */
    public int attempt() {
        return attempt;
    }
}
