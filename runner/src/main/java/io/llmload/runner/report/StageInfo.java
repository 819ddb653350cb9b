package io.llmload.runner.report;

/** A stage as it ran: name, level (users or req/s at its end), duration, and whether it was warmup. */
public record StageInfo(String name, double level, double durationSeconds, boolean warmup) {
}
