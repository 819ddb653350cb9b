package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The target as the runners reached it: the model they sent and how it was chosen, and whether TLS was verified. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetStatus(
        @JsonPropertyDescription("The model sent in every request.") String model,
        @JsonPropertyDescription("How it was chosen: spec, or discovered (the server's only model at GET /v1/models).")
        String modelSource,
        @JsonPropertyDescription("true when spec.target.tls.insecureSkipVerify turned certificate checks off.")
        Boolean insecureSkipVerify) {

    /** From the report's {@code run} section (see {@code engine.Target#describe}); null when it names no model. */
    public static TargetStatus of(Map<String, Object> run) {
        if (run == null || run.get("model") == null) {
            return null;
        }
        Boolean insecure = run.get("tls") instanceof Map<?, ?> tls && Boolean.TRUE.equals(tls.get("insecureSkipVerify"))
                ? Boolean.TRUE : null;
        Object source = run.get("modelSource");
        return new TargetStatus(String.valueOf(run.get("model")), source == null ? null : source.toString(), insecure);
    }
}
