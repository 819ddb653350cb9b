package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A prompt dataset: ShareGPT conversations (a JSON array, or one conversation per line) or plain JSONL
 * {@code {"prompt", "max_tokens"}} lines, read from exactly one of a local path (CLI), a ConfigMap key or a file on
 * a PersistentVolumeClaim (operator: mounted read-only into the runner pods). Streamed, never loaded whole.
 */
@ValidationRule(value = "has(self.configMapRef) != has(self.persistentVolumeClaim)",
        message = "give exactly one of configMapRef or persistentVolumeClaim: in a cluster the runner pods read the "
                + "dataset from one of them (a local path is for the CLI only)")
public record DatasetSpec(
        @JsonPropertyDescription("Local file (CLI), relative to the manifest's directory.") String path,
        @JsonPropertyDescription("sharegpt (conversations) or jsonl ({prompt, max_tokens} lines); default: detected "
                + "per entry.") String format,
        @JsonPropertyDescription("ConfigMap key holding the file (operator; ConfigMaps hold at most 1 MiB).")
        ConfigMapKeyRef configMapRef,
        @JsonPropertyDescription("File on a PersistentVolumeClaim (operator; for large datasets).")
        PvcFileRef persistentVolumeClaim,
        @JsonPropertyDescription("max_tokens = the token count of the dataset's reply (or its max_tokens), capped by "
                + "output.maxTokens' max when given (default true).") Boolean useDatasetOutputLength,
        @JsonPropertyDescription("Skip broken entries and report them (default true); false: the whole file is "
                + "checked before the run and any broken entry stops it.") Boolean skipInvalid) {

    public static final String SHAREGPT = "sharegpt";
    public static final String JSONL = "jsonl";

    public boolean usesDatasetOutputLength() {
        return useDatasetOutputLength == null || useDatasetOutputLength;
    }

    public boolean skipsInvalid() {
        return skipInvalid == null || skipInvalid;
    }

    /** The same dataset read from a file at {@code file} (how runners see a mounted ConfigMap or volume). */
    public DatasetSpec atPath(String file) {
        return new DatasetSpec(file, format, null, null, useDatasetOutputLength, skipInvalid);
    }
}
