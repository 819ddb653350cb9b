package io.llmload.runner.metrics;

import java.util.Map;

/** The serialized form of {@link RetryStats} (errors by class key, the latency histogram in base64, µs). */
public record RetryData(long requests, long attempts, long succeeded, long interrupted, Map<String, Long> errors,
        String userLatency) {
}
