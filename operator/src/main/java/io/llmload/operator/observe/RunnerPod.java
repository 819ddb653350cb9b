package io.llmload.operator.observe;

/**
 * One runner pod as the operator sees it.
 *
 * @param problem why the pod cannot take part (failed, exited early), or null
 * @param waitingReason why it is not ready yet (ImagePullBackOff, Pending...), or null
 */
public record RunnerPod(int index, String name, String ip, boolean ready, String problem, String waitingReason) {

    public boolean reachable() {
        return ready && ip != null && problem == null;
    }
}
