package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed: lifecycle phase, verdict and headline results. Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LlmLoadTestStatus {

    public static final String PHASE_PENDING = "Pending";
    public static final String PHASE_STARTING = "Starting";
    public static final String PHASE_RUNNING = "Running";
    public static final String PHASE_SUCCEEDED = "Succeeded";
    public static final String PHASE_FAILED = "Failed";
    public static final String PHASE_ABORTED = "Aborted";

    @JsonPropertyDescription("The metadata.generation this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Lifecycle phase: Pending, Starting, Running, Succeeded, Failed or Aborted.")
    private String phase;

    @JsonPropertyDescription("Judgement against the SLOs once results exist: Normal, Degraded or Breach.")
    private String verdict;

    @JsonPropertyDescription("Human-readable detail on the current phase.")
    private String message;

    @JsonPropertyDescription("When load generation started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the test finished (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Headline results of the run.")
    private StatusSummary summary;

    @JsonPropertyDescription("Standard Kubernetes conditions, e.g. Valid.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public StatusSummary getSummary() {
        return summary;
    }

    public void setSummary(StatusSummary summary) {
        this.summary = summary;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
