package io.llmload.runner.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One generation request inside the batching model. Fields without {@code volatile}/atomic are owned by the
 * scheduler thread; the HTTP side reads only {@link #produced()} and {@link #generatedNanosCopy(int)} (safely
 * published by the release/acquire of {@link #produced}) and may {@link #cancel()}.
 */
final class Sequence {

    /** Called on the scheduler thread; must not block (hand work to an event loop). */
    interface Listener {
        void onProgress(Sequence sequence);
    }

    final String requestId;
    final int promptTokens;
    final int maxTokens;
    /** Notify the listener on every token (streaming) or only when finished (non-streaming). */
    final boolean notifyEachToken;
    final Listener listener;
    /** The prompt's text blocks, for the prefix cache ({@link PromptBlocks#NONE} when not known). */
    final PromptBlocks blocks;

    // Scheduler-thread state.
    private long stallNanos;
    int generated;
    long kvTokens;
    boolean emitThisStep;
    boolean everAdmitted;
    /** Prompt tokens the prefix cache served at the last admission (they skipped prefill). */
    int cachedPromptTokens;
    long resumeAtNanos;
    private final long[] generatedNanos;

    private final AtomicInteger produced = new AtomicInteger();
    private volatile boolean cancelled;

    Sequence(String requestId, int promptTokens, int maxTokens, long stallNanos, boolean notifyEachToken,
            Listener listener) {
        this(requestId, promptTokens, maxTokens, stallNanos, notifyEachToken, listener, PromptBlocks.NONE);
    }

    Sequence(String requestId, int promptTokens, int maxTokens, long stallNanos, boolean notifyEachToken,
            Listener listener, PromptBlocks blocks) {
        if (promptTokens < 0 || maxTokens < 1) {
            throw new IllegalArgumentException("promptTokens >= 0 and maxTokens >= 1 required");
        }
        this.requestId = requestId;
        this.promptTokens = promptTokens;
        this.maxTokens = maxTokens;
        this.stallNanos = stallNanos;
        this.notifyEachToken = notifyEachToken;
        this.listener = listener;
        this.blocks = blocks;
        this.generatedNanos = new long[maxTokens];
    }

    /** Tokens that must be (re)computed when the sequence is admitted: prompt plus output kept across preemption. */
    long prefillTokens() {
        return (long) promptTokens + generated;
    }

    /** Records token {@code generated} at {@code nanos} and publishes it. Scheduler thread only. */
    void emit(long nanos) {
        generatedNanos[generated] = nanos;
        generated++;
        kvTokens++;
        if (generated == 1 && stallNanos > 0) {
            // Stall once after the first token; the sequence stays in the batch and keeps its KV.
            resumeAtNanos = nanos + stallNanos;
            stallNanos = 0;
        }
        produced.set(generated);
    }

    boolean isFinishedGenerating() {
        return generated >= maxTokens;
    }

    /** Tokens visible to the HTTP side. */
    int produced() {
        return produced.get();
    }

    /** Copy of the generation times of the first {@code count} tokens. */
    long[] generatedNanosCopy(int count) {
        long[] copy = new long[count];
        System.arraycopy(generatedNanos, 0, copy, 0, count);
        return copy;
    }

    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
