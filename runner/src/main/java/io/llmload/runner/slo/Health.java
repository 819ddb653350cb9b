package io.llmload.runner.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.report.Percentiles;

/**
 * The health band of a scope: p99/p50 of TTFT (streamed requests only) and of E2E, each with its band — judged only
 * where that metric's p99 reaches {@link HealthBand#FLOOR_P99_MS}, healthy below it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Health(Double ttftP99OverP50, String ttftBand, Double e2eP99OverP50, String e2eBand) {

    public static Health of(Percentiles ttft, Percentiles e2e) {
        Double t = HealthBand.ratio(ttft);
        Double e = HealthBand.ratio(e2e);
        if (t == null && e == null) {
            return null;
        }
        return new Health(t, band(t, ttft), e, band(e, e2e));
    }

    private static String band(Double ratio, Percentiles p) {
        return ratio == null ? null : HealthBand.of(ratio, p.p99()).label();
    }
}
