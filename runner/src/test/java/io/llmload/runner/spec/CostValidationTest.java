package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.cost: one pricing form, no negative prices, at least one GPU. */
class CostValidationTest {

    private static List<Violation> withCost(String cost) throws InvalidManifestException {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  target: {simulator: {profile: tiny}}
                  workload: {mix: [{name: chat, api: chat, prompt: {text: Hello}}]}
                  load: {model: closed, stages: [{duration: 10s, users: 2}]}
                  cost: %s
                """.formatted(cost);
        return ManifestValidator.validate(ManifestReader.parse(yaml), Mode.LOCAL);
    }

    @Test
    void eitherPricingFormIsValid() throws Exception {
        assertThat(withCost("{gpuHourlyPrice: 2.50, gpus: 1}")).isEmpty();
        assertThat(withCost("{gpuHourlyPrice: 2.50}")).isEmpty();
        assertThat(withCost("{pricePerMillionInputTokens: 0.5, pricePerMillionOutputTokens: 1.5}")).isEmpty();
        assertThat(withCost("{pricePerMillionOutputTokens: 1.5}")).isEmpty();
    }

    @Test
    void bothOrNeitherFormIsRejected() throws Exception {
        assertThat(withCost("{gpuHourlyPrice: 2.50, pricePerMillionOutputTokens: 1.5}"))
                .extracting(Violation::path).containsExactly("spec.cost");
        assertThat(withCost("{}")).extracting(Violation::path).containsExactly("spec.cost");
        assertThat(withCost("{gpus: 2}")).extracting(Violation::path).containsExactly("spec.cost.gpuHourlyPrice");
    }

    @Test
    void negativePricesAndZeroGpusAreRejected() throws Exception {
        assertThat(withCost("{gpuHourlyPrice: -1, gpus: 0}")).extracting(Violation::path)
                .containsExactlyInAnyOrder("spec.cost.gpuHourlyPrice", "spec.cost.gpus");
        assertThat(withCost("{pricePerMillionInputTokens: -0.1}")).extracting(Violation::path)
                .containsExactly("spec.cost.pricePerMillionInputTokens");
    }
}
