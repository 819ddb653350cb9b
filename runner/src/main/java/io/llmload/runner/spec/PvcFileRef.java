package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A file on a PersistentVolumeClaim in the test's namespace. */
@ValidationRule(value = "has(self.claimName) && size(self.claimName) > 0 && has(self.path) && size(self.path) > 0",
        message = "a volume file needs both claimName and path")
public record PvcFileRef(
        @JsonPropertyDescription("PersistentVolumeClaim name.") String claimName,
        @JsonPropertyDescription("Path of the file within the volume, e.g. datasets/sharegpt.json.") String path) {
}
