package io.llmload.operator.status;

/**
 * Condition types the operator writes. Completed: the run ended, whatever the outcome (kubectl wait returns);
 * Succeeded: Unknown while the test is under way, True once it ran to the end (whatever the verdict), False when it
 * failed or was aborted; Ready and Stalled are kstatus' (Flux, kpt; an Argo CD health check can read the same):
 * Ready True only for a run that succeeded, Stalled True for one that failed or was aborted. Regressed (with
 * spec.regression): True when the latest run moved past a regression limit against its baseline.
 */
public final class Conditions {

    public static final String VALID = "Valid";
    public static final String RUNNING = "Running";
    public static final String COMPLETED = "Completed";
    public static final String SUCCEEDED = "Succeeded";
    public static final String READY = "Ready";
    public static final String STALLED = "Stalled";
    public static final String SLO_BREACHED = "SLOBreached";
    public static final String ABORTED = "Aborted";
    public static final String REGRESSED = "Regressed";

    private Conditions() {
    }
}
