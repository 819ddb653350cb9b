package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.operator.status.StatusLimits;
import io.llmload.runner.report.CostReport;
import java.util.List;

/** Cost of the run from spec.cost: the whole run and each stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostStatus(
        @JsonPropertyDescription("Pricing used: gpu (GPU-hour price x GPUs over the time) or tokens.") String pricing,
        @JsonPropertyDescription("The whole run (warmup excluded).") CostFiguresStatus overall,
        @Size(max = StatusLimits.STAGES)
        @JsonPropertyDescription("Per stage: the first " + StatusLimits.STAGES + " stages.")
        List<CostFiguresStatus> stages) {

    public static CostStatus of(CostReport c) {
        return c == null ? null
                : new CostStatus(c.pricing(), CostFiguresStatus.of(c.overall(), false),
                        c.stages().stream().map(s -> CostFiguresStatus.of(s, true)).toList());
    }
}
