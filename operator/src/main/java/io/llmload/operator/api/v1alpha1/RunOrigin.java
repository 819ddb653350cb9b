package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** status.run: why the latest run started and what it measures (it becomes its status.history entry). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunOrigin(
        @JsonPropertyDescription("What started it: created, rerun, rollout or schedule.")
        String trigger,
        @JsonPropertyDescription("The trigger in words.")
        String reason,
        @JsonPropertyDescription("The followed workload's revision it measures (spec.trigger.onRollout).")
        RevisionStatus revision,
        @JsonPropertyDescription("True once the followed workload changed revision during the run.")
        Boolean spannedRollout) {

    public RunOrigin spanningRollout() {
        return new RunOrigin(trigger, reason, revision, Boolean.TRUE);
    }

    public boolean spanned() {
        return Boolean.TRUE.equals(spannedRollout);
    }
}
