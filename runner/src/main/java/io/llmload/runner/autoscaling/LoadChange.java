package io.llmload.runner.autoscaling;

/**
 * A stage boundary where the offered load changed (the run's start counts as a rise from zero).
 *
 * @param atSeconds offset from the run's start
 * @param stage the stage that begins there
 */
public record LoadChange(double atSeconds, String stage, double fromLevel, double toLevel) {

    public boolean rise() {
        return toLevel > fromLevel;
    }
}
