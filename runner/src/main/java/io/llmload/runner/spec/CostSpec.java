package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/**
 * What the serving costs, to price requests: either GPU time ({@code gpuHourlyPrice} × {@code gpus}, self-hosted) or
 * token prices (a hosted API). One form per test; the currency is whatever the prices are written in.
 */
public record CostSpec(
        @Min(0)
        @JsonPropertyDescription("Price of one GPU for one hour, e.g. 2.50.") Double gpuHourlyPrice,
        @Min(0)
        @JsonPropertyDescription("GPUs serving the target (default 1).") Integer gpus,
        @Min(0)
        @JsonPropertyDescription("Price per 1M input (prompt) tokens.") Double pricePerMillionInputTokens,
        @Min(0)
        @JsonPropertyDescription("Price per 1M output (generated) tokens.") Double pricePerMillionOutputTokens) {

    public boolean gpuPricing() {
        return gpuHourlyPrice != null;
    }
}
