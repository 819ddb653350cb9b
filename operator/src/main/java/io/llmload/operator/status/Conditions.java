package io.llmload.operator.status;

/** Condition types and reasons the operator writes (kubectl wait --for=condition=Completed works on them). */
public final class Conditions {

    public static final String VALID = "Valid";
    public static final String RUNNING = "Running";
    public static final String COMPLETED = "Completed";
    public static final String SLO_BREACHED = "SLOBreached";
    public static final String ABORTED = "Aborted";

    private Conditions() {
    }
}
