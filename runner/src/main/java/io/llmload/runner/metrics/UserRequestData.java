package io.llmload.runner.metrics;

import java.util.Map;

/**
 * The serialized form of {@link UserRequestStats}: counters plus base64 HdrHistograms of end-to-end latency (µs),
 * tokens and steps per user request, merged losslessly like the request histograms.
 */
public record UserRequestData(long count, long failed, long interrupted, long thinkMicrosSum,
        Map<String, String> histograms) {
}
