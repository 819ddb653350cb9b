package io.llmload.runner.simulator;

import java.util.List;

/**
 * Requests that only read their input (embeddings, rerank, score): their latency is the prefill time of all their
 * tokens at the profile's prefill speed, at least 1 ms (Vert.x timers have millisecond resolution).
 */
record PrefillOnly(int tokens, long delayMillis) {

    static PrefillOnly of(List<Integer> tokenCounts, SimulatorProfile profile) {
        long total = 0;
        for (int c : tokenCounts) {
            total += c;
        }
        long delay = Math.max(1, (long) Math.ceil(total / profile.prefillTokensPerSecond() * 1_000));
        return new PrefillOnly((int) Math.min(Integer.MAX_VALUE, total), delay);
    }
}
