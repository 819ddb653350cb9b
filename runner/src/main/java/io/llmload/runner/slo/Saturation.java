package io.llmload.runner.slo;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.spec.Ratios;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the service went from handling load to struggling (seed 002): the first measured stage, in run order, whose
 * p95 E2E — or p95 TTFT, when both it and the baseline have streamed requests — exceeds {@value #LATENCY_FACTOR}×
 * the baseline's, or whose error rate exceeds {@value #ERROR_RATE}. The baseline is the first measured stage that
 * sent requests; it can itself be saturated only by errors.
 *
 * @param reason what crossed the line, e.g. "p95 E2E 2.60x the baseline" or "error rate 3.2%" (two decimals: near
 *        the 2x line, one decimal would show a crossing as "2.0x")
 */
public record Saturation(String stage, double level, String reason) {

    static final double LATENCY_FACTOR = 2.0;
    static final double ERROR_RATE = 0.01;

    public static Optional<Saturation> find(List<Aggregate> stages) {
        Aggregate baseline = null;
        for (Aggregate stage : stages) {
            if (stage.requests() == 0) {
                continue;
            }
            if (baseline == null) {
                baseline = stage;
            }
            String reason = reason(baseline, stage);
            if (reason != null) {
                return Optional.of(new Saturation(stage.name(), stage.level() == null ? 0 : stage.level(), reason));
            }
        }
        return Optional.empty();
    }

    private static String reason(Aggregate baseline, Aggregate stage) {
        String e2e = ratioReason("E2E", baseline.e2eMs(), stage.e2eMs());
        if (e2e != null) {
            return e2e;
        }
        String ttft = ratioReason("TTFT", baseline.ttftMs(), stage.ttftMs());
        if (ttft != null) {
            return ttft;
        }
        double rate = stage.errorRateForJudgement();
        return rate > ERROR_RATE ? "error rate " + Ratios.format(rate) : null;
    }

    private static String ratioReason(String metric, Percentiles baseline, Percentiles stage) {
        if (baseline == null || stage == null || baseline.p95() <= 0) {
            return null;
        }
        double ratio = stage.p95() / baseline.p95();
        return ratio > LATENCY_FACTOR
                ? String.format(Locale.ROOT, "p95 %s %.2fx the baseline", metric, ratio)
                : null;
    }
}
