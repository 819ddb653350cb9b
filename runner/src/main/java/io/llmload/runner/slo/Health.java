package io.llmload.runner.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.report.Percentiles;

/** The health band of a scope: p99/p50 of TTFT (streamed requests only) and of E2E, each with its band. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Health(Double ttftP99OverP50, String ttftBand, Double e2eP99OverP50, String e2eBand) {

    public static Health of(Percentiles ttft, Percentiles e2e) {
        Double t = HealthBand.ratio(ttft);
        Double e = HealthBand.ratio(e2e);
        if (t == null && e == null) {
            return null;
        }
        return new Health(t, t == null ? null : HealthBand.of(t).label(), e, e == null ? null : HealthBand.of(e).label());
    }
}
