package io.llmload.runner.metrics;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * What happened to one request, filled in by the request pipeline as it progresses and handed to the
 * {@link MetricsCollector} once it ends. Times are {@link System#nanoTime()} values. Used by one thread at a time:
 * the engine's I/O lane fills it while the request runs, then hands it to the control loop, which counts the
 * output's tokens ({@link #countTokens}: tokenizing is kept off the loop that timestamps chunks) and records it.
 */
public final class RequestTrace {

    private final String requestId;
    private final int typeIndex;
    /** Intended send time; {@link #DUE_WHEN_STARTED} until the I/O lane starts a request due as soon as it can go. */
    private long intendedNanos;
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
    /**
     * The text of every chunk, back to back, until {@link #countTokens} counted it; chunk i's text ends at
     * {@code chunkTextEnds[i]}. One buffer, not a String per chunk: 10,000 streams in flight keep a whole answer's
     * chunks alive for seconds, and a young collection copies every live object — a few large ones cost far less to
     * copy than a hundred small ones per stream (the pauses stop the timing loops).
     */
    private StringBuilder chunkText;
    private int[] chunkTextEnds;
    private String outputText;
    private boolean staleConnectionRetry;

    /**
     * An intended time meaning "due as soon as it can go" (a closed-model user's next request): the I/O lane that
     * starts the request takes the time ({@link #started}), so handing the request to it is not counted as latency.
     */
    public static final long DUE_WHEN_STARTED = Long.MIN_VALUE;

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

    /** Chunks are expected up to the request's max_tokens: room for them now (at most 256), not grown chunk by chunk. */
    public void expectChunks(int maxTokens) {
        int room = Math.min(Math.max(maxTokens, 1), 256);
        if (streamed && chunks == 0 && room > chunkNanos.length) {
            chunkNanos = new long[room];
            chunkTokens = new int[room];
        }
    }

    /** The lane starts the request (before waiting for a connection): a request due when started is due now. */
    public void started(long nanos) {
        if (intendedNanos == DUE_WHEN_STARTED) {
            intendedNanos = nanos;
        }
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

    /** A content chunk arrived carrying {@code text}; its tokens are counted later by {@link #countTokens}. */
    public void content(long nanos, String text) {
        content(nanos, text, true);
    }

    /**
     * A chunk of generated tokens arrived carrying {@code text} (answer, reasoning or tool-call text); {@code answer}:
     * whether it held answer text. Its tokens are counted later by {@link #countTokens}, off the I/O loop.
     */
    public void content(long nanos, String text, boolean answer) {
        int index = chunks;
        tokens(nanos, 0, answer);
        if (chunkText == null) {
            chunkText = new StringBuilder(chunkNanos.length * 4);
            chunkTextEnds = new int[chunkNanos.length];
        } else if (chunkTextEnds.length < chunkNanos.length) {
            chunkTextEnds = Arrays.copyOf(chunkTextEnds, chunkNanos.length);
        }
        if (text != null) {
            chunkText.append(text);
        }
        chunkTextEnds[index] = chunkText.length();
    }

    /** A non-streamed response's output, counted by the client. */
    public void output(int tokens) {
        clientOutputTokens += tokens;
    }

    /** A non-streamed response's output text, counted later by {@link #countTokens}. */
    public void output(String text) {
        outputText = text;
    }

    /** Counts the tokens of the text kept by {@link #content(long, String)} and {@link #output(String)}. */
    public void countTokens(ToIntFunction<String> tokenizer) {
        if (chunkText != null) {
            int start = 0;
            for (int i = 0; i < chunks; i++) {
                int end = chunkTextEnds[i];
                // Ends only grow; a chunk without text here (empty, or counted on arrival by tokens(...), whose end
                // was never set) has an end at or before the start.
                if (end > start) {
                    int tokens = tokenizer.applyAsInt(chunkText.substring(start, end));
                    chunkTokens[i] = tokens;
                    clientOutputTokens += tokens;
                    start = end;
                }
            }
            chunkText = null;
            chunkTextEnds = null;
        }
        if (outputText != null) {
            clientOutputTokens += tokenizer.applyAsInt(outputText);
            outputText = null;
        }
    }

    /** The request was sent again on a new connection: its reused one was closed before any response byte. */
    public void staleConnectionRetry() {
        staleConnectionRetry = true;
    }

    public boolean retriedOnStaleConnection() {
        return staleConnectionRetry;
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
