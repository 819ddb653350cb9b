package io.llmload.runner.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.spec.DistributionSpec;
import io.llmload.runner.spec.OutputSpec;
import io.llmload.runner.spec.PromptSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthetic prompts have exactly the drawn token count under the workload's tokenizer, and their means hit the target. */
class SyntheticPromptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRAWS = 4_000;

    @ParameterizedTest
    @ValueSource(strings = { "cl100k_base", "o200k_base", "approximate" })
    void everyWordIsOneTokenWithAndWithoutItsLeadingSpace(String name) {
        Tokenizer tokenizer = Tokenizer.forName(name);
        assertThat(SyntheticPrompt.words()).hasSizeGreaterThan(300).doesNotHaveDuplicates();
        for (String word : SyntheticPrompt.words()) {
            assertThat(tokenizer.count(word)).as(word).isEqualTo(1);
            assertThat(tokenizer.count(" " + word)).as("' %s'", word).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
        "'{distribution: normal, mean: 256, stddev: 64}',          cl100k_base, 256",
        "'{distribution: uniform, min: 64, max: 448}',             cl100k_base, 256",
        "'{distribution: lognormal, mean: 256, stddev: 128}',      cl100k_base, 256",
        "'{distribution: lognormal, mean: 512, stddev: 256}',      o200k_base,  512",
        "'{distribution: normal, mean: 128, stddev: 32}',          approximate, 128",
    })
    void countedTokensEqualEachDrawAndTheirMeanIsWithinTwoPercent(String distribution, String tokenizerName,
            double requestedMean) throws Exception {
        Tokenizer tokenizer = Tokenizer.forName(tokenizerName);
        DistributionSpec inputTokens = io.llmload.runner.spec.ManifestReader.parse(
                "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: t}\nspec:\n"
                        + "  workload: {mix: [{name: a, api: completions, prompt: {inputTokens: " + distribution
                        + "}}]}\n").spec().workload().mix().get(0).prompt().inputTokens();
        WorkloadSpec workload = new WorkloadSpec(List.of(new RequestTypeSpec("synthetic", 1.0, "completions", false,
                new PromptSpec(null, inputTokens, null), new OutputSpec(DistributionSpec.fixed(1), null, null), null, null, null, null)),
                11L, tokenizerName, null);

        long sum = 0;
        try (RequestFactory factory = new RequestFactory(workload, "m", 11)) {
            for (int i = 0; i < DRAWS; i++) {
                PreparedRequest request = factory.next();
                JsonNode body = JSON.readTree(request.body().getBytes());
                int counted = tokenizer.count(body.get("prompt").asText());
                assertThat(counted).as("request %d", i).isEqualTo(request.promptTokens());
                sum += counted;
            }
        }
        assertThat(sum / (double) DRAWS).isCloseTo(requestedMean, org.assertj.core.data.Percentage.withPercentage(2));
    }
}
