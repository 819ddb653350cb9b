package io.llmload.runner.metrics;

/**
 * A row of the metrics grid: a stage, or one judgement window of a ramp stage (a ramp is judged in windows so that a
 * capacity claim never exceeds a level that was actually held). {@code window} is null for a whole stage.
 */
public record CellRow(String stage, Integer window) {

    public static CellRow of(String stage) {
        return new CellRow(stage, null);
    }
}
