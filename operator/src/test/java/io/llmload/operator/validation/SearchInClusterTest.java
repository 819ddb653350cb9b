package io.llmload.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator refuses a capacity search with the reason and what to do instead, rather than running only its first
 * probe: probes across runners would need decisions from the merged histograms between probes, not built yet.
 */
class SearchInClusterTest {

    private static final AccessPolicy DEFAULTS = new AccessPolicy(Set.of(), List.of(), "ghcr.io/llmload/runner:1",
            List.of(), Set.of());

    private static LlmLoadTest test(String load) {
        return Serialization.unmarshal("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: search, namespace: ns}\n"
                + "spec:\n"
                + "  target: {url: 'http://vllm:8000', model: m}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: " + load + "\n"
                + "  slo: {itl: {p95: 50ms}}\n", LlmLoadTest.class);
    }

    @Test
    void aSearchIsRefusedWithTheFieldAndTheWayOut() {
        assertThat(SpecValidator.validate(test("{model: closed, shape: {type: search, from: 8, duration: 30s}}"), DEFAULTS))
                .containsExactly(new Violation("spec.load.shape.type", "search runs in the CLI for now (llmload run "
                        + "FILE.yaml against the same target); in the cluster use stages or a step shape"));
    }

    @Test
    void aStepShapeStillRuns() {
        assertThat(SpecValidator.validate(test("{model: closed, shape: {type: step, from: 8, step: 8, every: 30s, "
                + "to: 32}}"), DEFAULTS)).isEmpty();
    }
}
