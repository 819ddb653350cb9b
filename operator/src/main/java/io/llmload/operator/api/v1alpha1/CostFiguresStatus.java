package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.report.CostFigures;

/** What one scope cost, in the currency of spec.cost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostFiguresStatus(
        @JsonPropertyDescription("Stage name (absent for the whole run).") String name,
        @JsonPropertyDescription("Total cost of the scope.") Double total,
        @JsonPropertyDescription("Cost per successful request.") Double perRequest,
        @JsonPropertyDescription("Cost per 1M output tokens.") Double perMillionOutputTokens) {

    public static CostFiguresStatus of(CostFigures f, boolean withName) {
        return new CostFiguresStatus(withName ? f.name() : null, f.total(), f.perRequest(), f.perMillionOutputTokens());
    }
}
