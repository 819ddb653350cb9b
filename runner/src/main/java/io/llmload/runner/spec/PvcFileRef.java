package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A file on a PersistentVolumeClaim in the test's namespace. */
public record PvcFileRef(
        @JsonPropertyDescription("PersistentVolumeClaim name.") String claimName,
        @JsonPropertyDescription("Path of the file within the volume, e.g. datasets/sharegpt.json.") String path) {
}
