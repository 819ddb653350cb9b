package io.llmload.runner.worker;

/**
 * States a worker goes through; the operator reads them from {@code GET /v1/state}. READY → SCHEDULED (start
 * time accepted) → RUNNING (load is being sent) → FINISHED; ABORTED (from any state before the end) or FAILED
 * (the engine broke) end a run early.
 */
public enum WorkerPhase {
    READY, SCHEDULED, RUNNING, FINISHED, ABORTED, FAILED;

    /** True once the run ended (for better or worse): no further phase change follows. */
    public boolean ended() {
        return this == FINISHED || this == ABORTED || this == FAILED;
    }
}
