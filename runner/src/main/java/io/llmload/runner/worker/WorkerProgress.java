package io.llmload.runner.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.report.RunData;
import java.util.List;

/**
 * {@code GET /v1/progress[?since=CURSOR]}: the phase and the cumulative results so far — every cell with its
 * histograms, so the operator can merge runners losslessly. Asked with the cursor of the previous answer, only the
 * cells that changed since come back ({@code full} false): the reader replaces its copies of those cells, so a missed
 * poll loses nothing and nothing is counted twice. Without a cursor, or with one this runner did not issue (a new
 * operator, a replaced pod), every cell comes back ({@code full} true). Never the timeline: that comes once, with
 * {@code GET /v1/result}. Before the start the cells are there with zero counts.
 *
 * @param cursor what to send as {@code since} next time
 * @param probes a capacity search's probes as commanded so far, each with its state (absent: not a search)
 * @param full whether {@code data} holds every cell (else only those changed since the cursor sent)
 */
public record WorkerProgress(WorkerPhase phase, int index, String cursor, boolean full, RunData data,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ProbeState> probes) {

    /** The progress of a run that is not a capacity search. */
    public WorkerProgress(WorkerPhase phase, int index, String cursor, boolean full, RunData data) {
        this(phase, index, cursor, full, data, null);
    }
}
