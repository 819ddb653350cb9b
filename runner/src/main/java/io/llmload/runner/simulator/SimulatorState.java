package io.llmload.runner.simulator;

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
}
