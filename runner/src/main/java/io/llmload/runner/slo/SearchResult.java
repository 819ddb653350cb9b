package io.llmload.runner.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * report.json's {@code capacity.search}: the answer of a capacity search with its uncertainty. The capacity lies in
 * [{@code held}, {@code failed}): the highest level that held the SLO and the lowest that did not.
 *
 * @param levelUnit "users" or "req/s"
 * @param held the highest level that held (absent: none did)
 * @param failed the lowest level that failed (absent: none did, the search stopped below the limit)
 * @param limitMetric what failed at {@code failed}, e.g. "ITL p95"
 * @param precision the bracket width asked for, relative to {@code held}
 * @param converged whether the bracket got that narrow (false: the budget ran out first)
 * @param edgeRepeats how many extra probes repeated {@code held}; {@code edgeHeld} how many of them held
 * @param stopReason why the search ended
 * @param explanation the probe sequence in words ("grew 8 → 16 → 32 users; 32 failed on ITL p95; ...")
 * @param summary the answer in one sentence ("holds 24–28 concurrent users at SLO (ITL p95 was the limit)")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResult(String levelUnit, Double held, Double failed, String limitMetric, double precision,
        boolean converged, int maxProbes, int edgeRepeats, int edgeHeld, String stopReason, String explanation,
        String summary, List<ProbeOutcome> probes) {
}
