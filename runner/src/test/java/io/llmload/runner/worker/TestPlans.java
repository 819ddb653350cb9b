package io.llmload.runner.worker;

import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestReader;

/** Worker plans for tests: a real spec read from YAML (as the operator gets it from the CR), aimed at a URL. */
final class TestPlans {

    static final String MODEL = "llmload-sim";

    private TestPlans() {
    }

    /** The spec part of a manifest with one short streamed chat request type and the given load. */
    static LoadTestSpec spec(String load) {
        try {
            return manifest(load);
        } catch (InvalidManifestException e) {
            throw new IllegalStateException("test manifest invalid: " + e.violations(), e);
        }
    }

    private static LoadTestSpec manifest(String load) throws InvalidManifestException {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: worker-test}\n"
                + "spec:\n"
                + "  target:\n"
                + "    service: {name: vllm, port: 8000}\n"
                + "    model: llmload-sim\n"
                + "    apiKeySecretRef: {name: vllm-key, key: token}\n"
                + "    timeout: 10s\n"
                + "  workload:\n"
                + "    seed: 3\n"
                + "    mix:\n"
                + "      - {name: chat, api: chat, stream: true, prompt: {inputTokens: {value: 32}},"
                + " output: {maxTokens: {value: 16}}}\n"
                + "  load: " + load + "\n"
                + "  slo: {ttft: {p95: 500ms}, errorRate: 1%}\n").spec();
    }

    static WorkerPlan plan(String name, String targetUrl, int runners, String load, int controlPort) {
        return new WorkerPlan(name, "loadtests", runners, targetUrl, MODEL, spec(load), 7, controlPort);
    }
}
