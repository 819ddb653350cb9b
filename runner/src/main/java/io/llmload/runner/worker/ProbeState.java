package io.llmload.runner.worker;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One probe of a capacity search as a runner reports it in {@code GET /v1/progress}: the operator judges a probe
 * once every runner reports it {@link #DONE}.
 *
 * @param level the probe's total level (all runners together)
 * @param share this runner's part of it: users (closed model) or arrivals per second (open)
 * @param state {@link #SCHEDULED}, {@link #RUNNING} or {@link #DONE}
 * @param abortReason why the probe was aborted (a guardrail, the operator), absent when it ran to its end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeState(String stage, double level, double share, long startAtEpochMillis, String state,
        String abortReason) {

    public static final String SCHEDULED = "scheduled";
    public static final String RUNNING = "running";
    public static final String DONE = "done";

    public boolean done() {
        return DONE.equals(state);
    }
}
