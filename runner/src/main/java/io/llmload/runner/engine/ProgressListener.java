package io.llmload.runner.engine;

/** Receives the engine's live progress, once per interval, on the engine's control loop: return quickly. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = snapshot -> { };

    void onProgress(ProgressSnapshot snapshot);
}
