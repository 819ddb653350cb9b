package io.llmload.runner.report;

import io.llmload.runner.spec.CostSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Prices scopes from {@code spec.cost} (seed 001: cost per request at each concurrency level).
 * <ul>
 * <li>GPU pricing: total = gpuHourlyPrice × gpus × scope duration in hours. The GPUs are paid whether busy or not,
 * so a stage that used them badly shows a higher cost per request.</li>
 * <li>Token pricing: total = input tokens × input price / 1M + output tokens × output price / 1M, tokens of
 * successful requests (the only ones whose token counts are known).</li>
 * </ul>
 */
public final class CostCalculator {

    public static final String GPU = "gpu";
    public static final String TOKENS = "tokens";

    private static final MathContext SIX_DIGITS = new MathContext(6);

    private CostCalculator() {
    }

    /** The cost section, or null without {@code spec.cost}. */
    public static CostReport compute(CostSpec spec, Aggregate overall, List<Aggregate> stages) {
        if (spec == null) {
            return null;
        }
        return new CostReport(spec.gpuPricing() ? GPU : TOKENS, figures(spec, overall),
                stages.stream().map(s -> figures(spec, s)).toList());
    }

    static CostFigures figures(CostSpec spec, Aggregate scope) {
        double total;
        if (spec.gpuPricing()) {
            int gpus = spec.gpus() == null ? 1 : spec.gpus();
            total = spec.gpuHourlyPrice() * gpus * scope.durationSeconds() / 3600.0;
        } else {
            total = scope.inputTokens() * orZero(spec.pricePerMillionInputTokens()) / 1e6
                    + scope.outputTokens() * orZero(spec.pricePerMillionOutputTokens()) / 1e6;
        }
        Double perRequest = scope.succeeded() == 0 ? null : round(total / scope.succeeded());
        Double perMillion = scope.outputTokens() == 0 ? null : round(total / scope.outputTokens() * 1e6);
        return new CostFigures(scope.name(), round(total), perRequest, perMillion);
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /** Six significant digits: prices are small numbers (a request may cost 0.0000123), so no fixed decimals. */
    private static double round(double v) {
        return new BigDecimal(v).round(SIX_DIGITS).doubleValue();
    }
}
