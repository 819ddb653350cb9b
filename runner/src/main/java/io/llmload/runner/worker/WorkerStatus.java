package io.llmload.runner.worker;

/**
 * What {@code GET /v1/state} answers.
 *
 * @param startAtEpochMillis the accepted start time (null until one was accepted)
 * @param message a human-readable line about the phase (the abort reason, the failure, ...); never a secret
 */
public record WorkerStatus(WorkerPhase phase, int index, int runners, Long startAtEpochMillis, String message) {
}
