package io.llmload.runner.simulator;

/** The plain simulator: one engine, like one vLLM server. */
final class SingleEngine implements Engines {

    private final BatchScheduler scheduler;

    SingleEngine(SimulatorProfile profile) {
        this.scheduler = new BatchScheduler(profile);
    }

    @Override
    public void start() {
        scheduler.start();
    }

    @Override
    public BatchScheduler route() {
        return scheduler;
    }

    @Override
    public SimulatorState state() {
        return scheduler.state();
    }

    @Override
    public String metricsText(String modelName) {
        return VllmMetricsRenderer.render(scheduler.state(), modelName);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
