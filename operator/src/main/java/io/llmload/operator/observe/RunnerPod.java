package io.llmload.operator.observe;

import io.llmload.runner.worker.ControlToken;

/**
 * One runner pod as the operator sees it.
 *
 * @param problem why the pod cannot take part (failed, exited early), or null
 * @param waitingReason why it is not ready yet (ImagePullBackOff, Pending...), or null
 * @param token the test's control token every call to the runner carries, or null (not known yet); its toString
 *     is redacted, so this record may be logged
 */
public record RunnerPod(int index, String name, String ip, boolean ready, String problem, String waitingReason,
        ControlToken token) {

    public RunnerPod(int index, String name, String ip, boolean ready, String problem, String waitingReason) {
        this(index, name, ip, ready, problem, waitingReason, null);
    }

    public boolean reachable() {
        return ready && ip != null && problem == null;
    }
}
