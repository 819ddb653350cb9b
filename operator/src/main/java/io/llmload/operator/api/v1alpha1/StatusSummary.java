package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The few numbers shown by kubectl get; full results live in the runner's report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StatusSummary {

    @JsonPropertyDescription("Requests completed in the measured stages (warmup excluded).")
    private Long requests;

    @JsonPropertyDescription("Fraction of requests that failed, 0..1.")
    private Double errorRate;

    @JsonPropertyDescription("Completed requests per second.")
    private Double requestsPerSecond;

    @JsonPropertyDescription("Generated tokens per second, all requests together.")
    private Double outputTokensPerSecond;

    @JsonPropertyDescription("95th percentile time to first token, in milliseconds.")
    private Double ttftP95Ms;

    @JsonPropertyDescription("95th percentile inter-token latency, in milliseconds.")
    private Double itlP95Ms;

    @JsonPropertyDescription("99th percentile end-to-end request latency, in milliseconds.")
    private Double e2eP99Ms;

    public Long getRequests() {
        return requests;
    }

    public void setRequests(Long requests) {
        this.requests = requests;
    }

    public Double getErrorRate() {
        return errorRate;
    }

    public void setErrorRate(Double errorRate) {
        this.errorRate = errorRate;
    }

    public Double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(Double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public Double getOutputTokensPerSecond() {
        return outputTokensPerSecond;
    }

    public void setOutputTokensPerSecond(Double outputTokensPerSecond) {
        this.outputTokensPerSecond = outputTokensPerSecond;
    }

    public Double getTtftP95Ms() {
        return ttftP95Ms;
    }

    public void setTtftP95Ms(Double ttftP95Ms) {
        this.ttftP95Ms = ttftP95Ms;
    }

    public Double getItlP95Ms() {
        return itlP95Ms;
    }

    public void setItlP95Ms(Double itlP95Ms) {
        this.itlP95Ms = itlP95Ms;
    }

    public Double getE2eP99Ms() {
        return e2eP99Ms;
    }

    public void setE2eP99Ms(Double e2eP99Ms) {
        this.e2eP99Ms = e2eP99Ms;
    }
}
