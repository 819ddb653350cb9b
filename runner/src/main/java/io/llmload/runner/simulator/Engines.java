package io.llmload.runner.simulator;

/**
 * The engines behind the simulator's endpoint: one ({@link SingleEngine}) or an autoscaled pool
 * ({@link EnginePool}). The HTTP side asks for an engine per request and renders their metrics.
 */
interface Engines extends AutoCloseable {

    void start();

    /** The engine a new request goes to. */
    BatchScheduler route();

    /** The engines' state summed up (running, waiting, KV tokens, counters). */
    SimulatorState state();

    /** The /metrics body: vLLM's gauges and counters (per engine in a pool) plus the pool's replica gauges. */
    String metricsText(String modelName);

    @Override
    void close();
}
