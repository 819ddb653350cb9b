package io.llmload.runner.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * compare.json: two reports side by side. Stages and request types are matched by name; those in only one report
 * are listed, not compared. Every delta is B relative to A.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(
        Side a,
        Side b,
        LabelDelta verdict,
        CapacityDelta capacity,
        ScopeComparison overall,
        List<ScopeComparison> stages,
        List<String> stagesOnlyInA,
        List<String> stagesOnlyInB,
        List<ScopeComparison> requestTypes,
        List<String> requestTypesOnlyInA,
        List<String> requestTypesOnlyInB) {

    /** Which report a side is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(String file, String name, String startTime, String outcome, String target, String model) {
    }

    /**
     * The capacity sentences, and the levels they name (users or req/s) when both runs use the same unit; a run
     * where no stage met the SLO counts as level 0.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapacityDelta(String a, String b, String levelUnit, Double levelA, Double levelB, Change change) {
    }
}
