package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompt sources, datasets, the tokenizer and the sampling passthrough: each bad input names its field. */
class PromptAndOutputValidationTest {

    private static final String LOCAL_TARGET = "{simulator: {profile: tiny}}";
    private static final String CLUSTER_TARGET = "{url: 'http://vllm:8000', model: m}";
    private static final String MIX_AT = "spec.workload.mix[0]";

    private static List<Violation> validate(String target, String workload, Mode mode) throws Exception {
        String yaml = "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: t}\nspec:\n"
                + "  target: " + target + "\n"
                + "  workload: " + workload + "\n"
                + "  load: {model: closed, stages: [{duration: 10s, users: 2}]}\n";
        return ManifestValidator.validate(ManifestReader.parse(yaml), mode);
    }

    private static List<Violation> local(String type) throws Exception {
        return validate(LOCAL_TARGET, "{mix: [" + type + "]}", Mode.LOCAL);
    }

    private static List<Violation> cluster(String type) throws Exception {
        return validate(CLUSTER_TARGET, "{mix: [" + type + "]}", Mode.CLUSTER);
    }

    @Test
    void everyPromptSourceAloneIsValid() throws Exception {
        assertThat(local("{name: a, api: chat, prompt: {text: hi, sharedPrefixTokens: 512}}")).isEmpty();
        assertThat(local("{name: a, api: chat, prompt: {inputTokens: {value: 8}, systemPrompt: s}}")).isEmpty();
        assertThat(local("{name: a, api: chat, prompt: {prompts: [{text: x, weight: 2}, {text: y}]}}")).isEmpty();
        assertThat(local("{name: a, api: completions, prompt: {dataset: {path: d.jsonl, format: sharegpt}}}"))
                .isEmpty();
        assertThat(cluster("{name: a, api: chat, prompt: {dataset: {configMapRef: {name: data, key: d.jsonl}}}}"))
                .isEmpty();
        assertThat(cluster("{name: a, api: chat, prompt: {dataset: {persistentVolumeClaim: "
                + "{claimName: datasets, path: sharegpt/v3.json}, useDatasetOutputLength: false, skipInvalid: false}}}"))
                .isEmpty();
    }

    @Test
    void inlinePromptsNeedTextAndPositiveWeights() throws Exception {
        assertThat(local("{name: a, api: chat, prompt: {prompts: []}}")).extracting(Violation::path)
                .containsExactly(MIX_AT + ".prompt.prompts");
        assertThat(local("{name: a, api: chat, prompt: {prompts: [{text: ''}, {text: x, weight: 0}]}}"))
                .containsExactly(new Violation(MIX_AT + ".prompt.prompts[0].text", "required: the prompt text"),
                        new Violation(MIX_AT + ".prompt.prompts[1].weight", "must be greater than 0"));
    }

    @Test
    void aSharedPrefixHasAtLeastOneToken() throws Exception {
        assertThat(local("{name: a, api: chat, prompt: {text: hi, sharedPrefixTokens: 0}}"))
                .containsExactly(new Violation(MIX_AT + ".prompt.sharedPrefixTokens",
                        "must be between 1 and 1000000 tokens"));
    }

    @Test
    void aDatasetHasExactlyOneLocation() throws Exception {
        assertThat(local("{name: a, api: chat, prompt: {dataset: {format: sharegpt}}}")).containsExactly(
                new Violation(MIX_AT + ".prompt.dataset", "set exactly one of dataset.path (CLI), dataset.configMapRef "
                        + "or dataset.persistentVolumeClaim (operator)"));
        assertThat(cluster("{name: a, api: chat, prompt: {dataset: {configMapRef: {name: c, key: k}, "
                + "persistentVolumeClaim: {claimName: p, path: f}}}}")).extracting(Violation::path)
                .containsExactly(MIX_AT + ".prompt.dataset");
    }

    @Test
    void aLocalPathIsInvalidInTheClusterAndAConfigMapIsInvalidLocally() throws Exception {
        assertThat(cluster("{name: a, api: chat, prompt: {dataset: {path: /data/d.jsonl}}}")).containsExactly(
                new Violation(MIX_AT + ".prompt.dataset.path", "a local file is not visible to runner pods: put the "
                        + "dataset in a ConfigMap (dataset.configMapRef) or on a volume (dataset.persistentVolumeClaim)"));
        assertThat(local("{name: a, api: chat, prompt: {dataset: {configMapRef: {name: c, key: k}}}}"))
                .extracting(Violation::path).containsExactly(MIX_AT + ".prompt.dataset.configMapRef");
        assertThat(local("{name: a, api: chat, prompt: {dataset: {persistentVolumeClaim: {claimName: p, path: f}}}}"))
                .extracting(Violation::path).containsExactly(MIX_AT + ".prompt.dataset.persistentVolumeClaim");
    }

    @Test
    void datasetReferencesNameTheMissingPart() throws Exception {
        assertThat(cluster("{name: a, api: chat, prompt: {dataset: {configMapRef: {name: c}}}}")).containsExactly(
                new Violation(MIX_AT + ".prompt.dataset.configMapRef.key",
                        "required: the key holding the file, e.g. sharegpt.jsonl"));
        assertThat(cluster("{name: a, api: chat, prompt: {dataset: {persistentVolumeClaim: {claimName: p, "
                + "path: ../etc/passwd}}}}")).containsExactly(new Violation(
                        MIX_AT + ".prompt.dataset.persistentVolumeClaim.path",
                        "must be a path inside the volume, relative and without '..'"));
        assertThat(local("{name: a, api: chat, prompt: {dataset: {path: d.json, format: csv}}}"))
                .extracting(Violation::path).containsExactly(MIX_AT + ".prompt.dataset.format");
    }

    @Test
    void theTokenizerMustBeKnown() throws Exception {
        assertThat(validate(LOCAL_TARGET, "{tokenizer: o200k_base, mix: [{name: a, api: chat, prompt: {text: x}}]}",
                Mode.LOCAL)).isEmpty();
        assertThat(validate(LOCAL_TARGET, "{tokenizer: llama3, mix: [{name: a, api: chat, prompt: {text: x}}]}",
                Mode.LOCAL)).containsExactly(new Violation("spec.workload.tokenizer",
                        "must be one of cl100k_base, o200k_base, approximate (a model's own tokenizer.json goes in "
                                + "spec.workload.tokenizerFile)"));
    }

    @Test
    void samplingParametersAreCheckedWhereTheServerWouldRejectThem() throws Exception {
        assertThat(local("{name: a, api: chat, prompt: {text: x}, output: {maxTokens: {value: 64}, minTokens: 16, "
                + "topP: 0.9, topK: 40, seed: 7, stop: ['###'], frequencyPenalty: 0.5, presencePenalty: -0.5, "
                + "extraBody: {repetition_penalty: 1.1}}}")).isEmpty();
        assertThat(local("{name: a, api: chat, prompt: {text: x}, output: {maxTokens: {value: 64}, minTokens: 65, "
                + "topP: 0, topK: -2, stop: [''], frequencyPenalty: 3, presencePenalty: -2.5}}"))
                .extracting(Violation::path).containsExactly(MIX_AT + ".output.minTokens", MIX_AT + ".output.topP",
                        MIX_AT + ".output.topK", MIX_AT + ".output.frequencyPenalty",
                        MIX_AT + ".output.presencePenalty", MIX_AT + ".output.stop[0]");
    }

    @Test
    void extraBodyCannotOverrideWhatLlmloadWrites() throws Exception {
        assertThat(local("{name: a, api: chat, prompt: {text: x}, output: {extraBody: {stream: false, "
                + "max_tokens: 9, guided_json: {type: object}}}}")).containsExactly(
                new Violation(MIX_AT + ".output.extraBody.max_tokens", "llmload sets 'max_tokens' itself: use the "
                        + "output or prompt fields instead (extraBody is for server-specific parameters)"),
                new Violation(MIX_AT + ".output.extraBody.stream", "llmload sets 'stream' itself: use the output or "
                        + "prompt fields instead (extraBody is for server-specific parameters)"));
    }
}
