package io.llmload.runner.bench;

import io.llmload.runner.simulator.SimulatorConfig;

/** Switches the simulator's ground-truth record on for a benchmark (kept in one place while its API changes). */
final class BenchTruth {

    private BenchTruth() {
    }

    static SimulatorConfig recording(SimulatorConfig config) {
        return config.withGroundTruth();
    }
}
