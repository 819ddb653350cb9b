package io.llmload.runner.worker;

/**
 * Why and how a worker process ends: {@code llmload worker} exits with {@code code}, and writes {@code reason} as
 * the pod's termination message when the code is not 0, so the operator (and {@code kubectl describe pod}) can
 * say why a runner pod failed.
 *
 * @param code 0 after a run (released by the operator, or its results were kept until their deadline); 1 when the
 *     run never started (aborted while waiting for the start signal, e.g. at the start deadline)
 */
public record WorkerExit(int code, String reason) {

    public static final int OK = 0;
    public static final int NOT_STARTED = 1;
}
