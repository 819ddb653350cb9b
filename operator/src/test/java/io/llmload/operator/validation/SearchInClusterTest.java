package io.llmload.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator runs a capacity search across its runners; in the closed model the first probe must give every runner
 * at least one user.
 */
class SearchInClusterTest {

    private static final AccessPolicy DEFAULTS = new AccessPolicy(Set.of(), List.of(), "ghcr.io/llmload/runner:1",
            List.of(), Set.of());

    private static LlmLoadTest test(String load) {
        return test(load, 1);
    }

    private static LlmLoadTest test(String load, int replicas) {
        return Serialization.unmarshal("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: search, namespace: ns}\n"
                + "spec:\n"
                + "  target: {url: 'http://vllm:8000', model: m}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: " + load + "\n"
                + "  slo: {itl: {p95: 50ms}}\n"
                + "  runners: {replicas: " + replicas + "}\n", LlmLoadTest.class);
    }

    @Test
    void aSearchRunsInTheCluster() {
        assertThat(SpecValidator.validate(test("{model: closed, shape: {type: search, from: 8, duration: 30s}}", 8),
                DEFAULTS)).isEmpty();
        assertThat(SpecValidator.validate(test("{model: open, shape: {type: search, from: 0.5, duration: 30s}}", 4),
                DEFAULTS)).as("rates split evenly, however small").isEmpty();
    }

    @Test
    void aClosedSearchMustGiveEveryRunnerAUserAtItsFirstProbe() {
        assertThat(SpecValidator.validate(test("{model: closed, shape: {type: search, from: 3, duration: 30s}}", 4),
                DEFAULTS)).containsExactly(new Violation("spec.load.shape.from", "the first probe's 3 user(s) cannot "
                        + "be shared by 4 runners: start from at least 4 users, or lower spec.runners.replicas"));
    }

    @Test
    void theClusterExampleIsAccepted() throws Exception {
        String yaml = java.nio.file.Files.readString(io.llmload.operator.rbac.RepoFiles.root()
                .resolve("examples/capacity-search-k8s.yaml"));
        LlmLoadTest test = Serialization.unmarshal(yaml, LlmLoadTest.class);
        test.getMetadata().setNamespace("llmload-demo");
        assertThat(SpecValidator.validate(test, DEFAULTS)).isEmpty();
        assertThat(test.getSpec().getLoad().shape().type()).isEqualTo("search");
        assertThat(test.getSpec().getRunners().getReplicas()).isEqualTo(2);
    }

    @Test
    void aStepShapeStillRuns() {
        assertThat(SpecValidator.validate(test("{model: closed, shape: {type: step, from: 8, step: 8, every: 30s, "
                + "to: 32}}"), DEFAULTS)).isEmpty();
    }
}
