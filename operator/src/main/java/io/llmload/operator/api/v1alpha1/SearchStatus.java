package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.slo.SearchResult;
import java.util.List;

/**
 * A capacity search run by the operator (spec.load.shape.type: search): the probes judged so far and the one under
 * way while it runs — the operator's record of the search, replayed after a restart —, then its answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchStatus(
        @Size(max = SearchPlan.MAX_PROBES)
        @JsonPropertyDescription("Every probe judged so far, in order: stage, level, phase, held, the limit.")
        List<SearchProbeStatus> probes,
        @JsonPropertyDescription("The probe under way (absent between the last probe and the end).")
        SearchProbeStatus current,
        @JsonPropertyDescription("The highest level that held the SLO (final; absent: none did).")
        Double held,
        @JsonPropertyDescription("The lowest level that failed (final; absent: none did).")
        Double failed,
        @JsonPropertyDescription("What failed at that level, e.g. 'ITL p95' (final).")
        String limitMetric,
        @JsonPropertyDescription("Whether the bracket got as narrow as spec.load.shape.precision (final).")
        Boolean converged,
        @JsonPropertyDescription("Why the search ended (final).")
        String stopReason,
        @JsonPropertyDescription("The probe sequence in words, e.g. 'grew 8 → 16 → 32 users; 32 failed on ITL p95; "
                + "bisected to 24 (held), 28 (failed)' (final).")
        String explanation) {

    /** While the search runs. */
    public static SearchStatus running(List<SearchProbeStatus> probes, SearchProbeStatus current) {
        return new SearchStatus(List.copyOf(probes), current, null, null, null, null, null, null);
    }

    /** The answer, from the report's capacity.search. */
    public static SearchStatus of(SearchResult r) {
        return r == null ? null : new SearchStatus(r.probes().stream().map(SearchProbeStatus::of).toList(), null,
                r.held(), r.failed(), r.limitMetric(), r.converged(), r.stopReason(), r.explanation());
    }
}
