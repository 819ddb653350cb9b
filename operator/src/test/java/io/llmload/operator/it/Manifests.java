package io.llmload.operator.it;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;

/** LlmLoadTest resources from YAML, as users write them. */
final class Manifests {

    private Manifests() {
    }

    static LlmLoadTest fromYaml(String yaml) {
        return Serialization.unmarshal(yaml, LlmLoadTest.class);
    }

    /** A short closed-model chat test against {@code url} with {@code replicas} runners. */
    static LlmLoadTest chatTest(String name, String namespace, String url, int replicas, String extraSpec) {
        return fromYaml("apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + namespace + "}\n"
                + "spec:\n"
                + "  target: {url: '" + url + "', model: llmload-sim}\n"
                + "  workload:\n"
                + "    mix:\n"
                + "      - {name: chat, api: chat, prompt: {inputTokens: {value: 32}}, output: {maxTokens: {value: 16}}}\n"
                + "  load:\n"
                + "    model: closed\n"
                + "    warmup: 500ms\n"
                + "    stages:\n"
                + "      - {name: low, duration: 1500ms, users: 3}\n"
                + "      - {name: high, duration: 1500ms, users: 6}\n"
                + "  slo: {ttft: {p95: 2s}, errorRate: 1%}\n"
                + "  runners: {replicas: " + replicas + "}\n"
                + extraSpec);
    }
}
