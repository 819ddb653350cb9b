package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.metrics.UserRequestStats;

/**
 * Per-user-request results of a composite request type over one scope (all measured stages, or one stage). A user
 * request is a whole RAG call pair, session or chain: {@code count} ended (succeeded + failed), {@code failed} had a
 * step fail. {@code e2eMs} runs from the first step's intended send time to the last step's end, think time
 * included ({@code meanThinkTimeMs} says how much of it was think time); {@code tokens} is input + output tokens of
 * all steps; {@code steps} is calls per user request. The distributions cover succeeded user requests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRequestFigures(
        String stage,
        long count,
        long succeeded,
        long failed,
        long interrupted,
        double failureRate,
        double userRequestsPerSecond,
        Percentiles e2eMs,
        CountPercentiles tokens,
        CountPercentiles steps,
        Double meanThinkTimeMs) {

    public static UserRequestFigures of(String stage, double durationSeconds, UserRequestStats s) {
        double think = s.meanThinkMillis();
        return new UserRequestFigures(stage, s.count(), s.succeeded(), s.failed(), s.interrupted(),
                s.count() == 0 ? 0 : round(s.failed() / (double) s.count(), 1e6),
                round(s.count() / Math.max(durationSeconds, 1e-9), 1e3), Percentiles.of(s.e2e()),
                CountPercentiles.of(s.tokens()), CountPercentiles.of(s.steps()),
                Double.isNaN(think) ? null : round(think, 1e3));
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
