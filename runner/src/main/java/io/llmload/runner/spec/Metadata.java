package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** The subset of Kubernetes object metadata the CLI uses; the rest (annotations, uid...) is accepted and ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metadata(String name, String namespace, Map<String, String> labels) {
}
