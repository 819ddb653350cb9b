package io.llmload.runner.worker;

/** Body of {@code POST /v1/start}: the wall-clock start time shared by all runners of a test. */
public record StartRequest(long startAtEpochMillis) {
}
