package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A Hugging Face {@code tokenizer.json} (the file next to a model's weights), read from exactly one of a local path
 * (CLI, relative to the manifest), a ConfigMap key or a file on a PersistentVolumeClaim (operator: mounted read-only
 * into the runner pods).
 */
public record TokenizerFileSpec(
        @JsonPropertyDescription("Local tokenizer.json (CLI), relative to the manifest's directory.") String path,
        @JsonPropertyDescription("ConfigMap key holding tokenizer.json (operator; ConfigMaps hold at most 1 MiB).")
        ConfigMapKeyRef configMapRef,
        @JsonPropertyDescription("tokenizer.json on a PersistentVolumeClaim (operator; for large vocabularies).")
        PvcFileRef persistentVolumeClaim) {

    /** The same tokenizer read from {@code file} (how runners see a mounted ConfigMap or volume). */
    public TokenizerFileSpec atPath(String file) {
        return new TokenizerFileSpec(file, null, null);
    }
}
