package io.llmload.runner.simulator;

import java.util.List;

/**
 * Snapshot of the batching model, published by the scheduler after each scheduling decision and each decode step.
 * {@code waiting} counts sequences the scheduler could not admit (like vLLM's num_requests_waiting), so it is 0
 * under a load the server can absorb. {@code prefixCacheQueries}/{@code prefixCacheHits} count prompt tokens looked up
 * in and served by the prefix cache, like vLLM's counters (both 0 when the profile disables it).
 */
public record SimulatorState(int running, int waiting, long kvTokensUsed, double kvCacheUsage, long preemptions,
        long promptTokensTotal, long generationTokensTotal, long requestsFinished, long prefixCacheQueries,
        long prefixCacheHits) {

    static final SimulatorState EMPTY = new SimulatorState(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Several engines' states added up; KV-cache usage is of their caches together. */
    static SimulatorState sum(List<SimulatorState> states, long kvCacheTokensPerEngine) {
        if (states.isEmpty()) {
            return EMPTY;
        }
        int running = 0;
        int waiting = 0;
        long kv = 0;
        long preemptions = 0;
        long prompt = 0;
        long generation = 0;
        long finished = 0;
        long queries = 0;
        long hits = 0;
        for (SimulatorState s : states) {
            running += s.running;
            waiting += s.waiting;
            kv += s.kvTokensUsed;
            preemptions += s.preemptions;
            prompt += s.promptTokensTotal;
            generation += s.generationTokensTotal;
            finished += s.requestsFinished;
            queries += s.prefixCacheQueries;
            hits += s.prefixCacheHits;
        }
        return new SimulatorState(running, waiting, kv, (double) kv / (kvCacheTokensPerEngine * states.size()),
                preemptions, prompt, generation, finished, queries, hits);
    }
}
