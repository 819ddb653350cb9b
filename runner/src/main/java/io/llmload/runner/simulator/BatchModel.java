package io.llmload.runner.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The continuous-batching state machine, without threads or clocks so it can be tested step by step. One call to
 * {@link #schedule(long, boolean)} followed by one call to {@link #emit(long)} is one engine step:
 * <ol>
 * <li>drop cancelled sequences (their KV is freed);</li>
 * <li>make room for every running sequence to grow by one token, preempting the most recently admitted ones
 * (recompute mode: KV freed, back to the head of the waiting queue, generated tokens kept and recomputed as
 * prefill on re-admission);</li>
 * <li>admit FCFS from the waiting queue while running &lt; max and the sequence's prefill plus its first token fits
 * next to the growth already reserved — head-of-line blocking is intentional, like vLLM; prompt blocks found in
 * the {@link PrefixCache} skip prefill;</li>
 * <li>at the end of the step every running sequence that is not stalled emits one token; finished sequences leave
 * and free their KV.</li>
 * </ol>
 * Not thread-safe: owned by the scheduler thread.
 */
final class BatchModel {

    private final long capacity;
    private final int maxRunning;
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    /** Admission order: the last element is the most recently admitted, i.e. the first preemption victim. */
    private final ArrayList<Sequence> running = new ArrayList<>();
    private long kvUsed;
    private long preemptions;
    private long promptTokensTotal;
    private long generationTokensTotal;
    private long requestsFinished;
    /** Null when the profile disables prefix caching. */
    private final PrefixCache prefixCache;
    private long prefixCacheQueries;
    private long prefixCacheHits;

    BatchModel(SimulatorProfile profile) {
        this.capacity = profile.kvCacheTokens();
        this.maxRunning = profile.maxRunningSequences();
        this.prefixCache = profile.prefixCaching() ? new PrefixCache(profile.prefixCacheBlocks()) : null;
    }

    /** Whether a request of this size can ever be served (otherwise it would wait forever). */
    static boolean fits(SimulatorProfile profile, int promptTokens, int maxTokens) {
        return (long) promptTokens + maxTokens <= profile.kvCacheTokens();
    }

    void enqueue(Sequence sequence) {
        if (sequence.promptTokens + (long) sequence.maxTokens > capacity) {
            throw new IllegalArgumentException("sequence needs more KV than the cache holds");
        }
        waiting.addLast(sequence);
    }

    boolean idle() {
        return running.isEmpty() && waiting.isEmpty();
    }

    /** Prepares one step at {@code nowNanos}; returns the number of prefill tokens it processes. */
    long schedule(long nowNanos, boolean scanWaitingForCancelled) {
        dropCancelled(scanWaitingForCancelled);
        int growers = 0;
        for (int i = 0; i < running.size(); i++) {
            Sequence s = running.get(i);
            s.emitThisStep = s.resumeAtNanos <= nowNanos;
            if (s.emitThisStep) {
                growers++;
            }
        }
        while (kvUsed + growers > capacity && !running.isEmpty()) {
            Sequence victim = running.remove(running.size() - 1);
            if (victim.emitThisStep) {
                growers--;
            }
            kvUsed -= victim.kvTokens;
            victim.kvTokens = 0;
            victim.emitThisStep = false;
            waiting.addFirst(victim);
            preemptions++;
        }
        long prefill = 0;
        while (!waiting.isEmpty() && running.size() < maxRunning) {
            Sequence s = waiting.peekFirst();
            long need = s.prefillTokens();
            if (kvUsed + growers + need + 1 > capacity) {
                break;
            }
            waiting.pollFirst();
            s.kvTokens = need;
            kvUsed += need;
            // The KV of cached prefix blocks is reused, not recomputed: only the rest costs prefill time.
            prefill += need - lookUpPrefix(s);
            if (!s.everAdmitted) {
                s.everAdmitted = true;
                promptTokensTotal += s.promptTokens;
            }
            s.emitThisStep = s.resumeAtNanos <= nowNanos;
            if (s.emitThisStep) {
                growers++;
            }
            running.add(s);
        }
        return prefill;
    }

    /** Prompt tokens of {@code s} served by the prefix cache; counted like vLLM's queries/hits (in tokens). */
    private int lookUpPrefix(Sequence s) {
        if (prefixCache == null) {
            return 0;
        }
        int cached = s.blocks.cachedTokens(prefixCache.lookupAndStore(s.blocks), s.promptTokens);
        s.cachedPromptTokens = cached;
        prefixCacheQueries += s.promptTokens;
        prefixCacheHits += cached;
        return cached;
    }

    /** Ends the step at {@code nowNanos}: one token per eligible running sequence, finished ones leave. */
    void emit(long nowNanos) {
        int kept = 0;
        for (int i = 0; i < running.size(); i++) {
            Sequence s = running.get(i);
            if (s.emitThisStep && !s.isCancelled()) {
                s.emitThisStep = false;
                s.emit(nowNanos);
                kvUsed++;
                generationTokensTotal++;
                boolean finished = s.isFinishedGenerating();
                if (finished) {
                    kvUsed -= s.kvTokens;
                    s.kvTokens = 0;
                    requestsFinished++;
                }
                if (finished || s.notifyEachToken) {
                    notifyListener(s);
                }
                if (finished) {
                    continue;
                }
            }
            running.set(kept++, s);
        }
        for (int i = running.size() - 1; i >= kept; i--) {
            running.remove(i);
        }
    }

    private void dropCancelled(boolean scanWaiting) {
        int kept = 0;
        for (int i = 0; i < running.size(); i++) {
            Sequence s = running.get(i);
            if (s.isCancelled()) {
                kvUsed -= s.kvTokens;
                s.kvTokens = 0;
            } else {
                running.set(kept++, s);
            }
        }
        for (int i = running.size() - 1; i >= kept; i--) {
            running.remove(i);
        }
        if (scanWaiting) {
            waiting.removeIf(Sequence::isCancelled);
        }
    }

    private static void notifyListener(Sequence s) {
        try {
            s.listener.onProgress(s);
        } catch (RuntimeException e) {
            // A failing listener (e.g. its event loop is shutting down) must not stop the engine.
            s.cancel();
        }
    }

    int runningCount() {
        return running.size();
    }

    long kvUsed() {
        return kvUsed;
    }

    SimulatorState snapshot() {
        return new SimulatorState(running.size(), waiting.size(), kvUsed, (double) kvUsed / capacity, preemptions,
                promptTokensTotal, generationTokensTotal, requestsFinished, prefixCacheQueries, prefixCacheHits);
    }
}
