package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.workload.TokenCounter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tokensPerChunk packs tokens into chunks; usage and the ground truth still count every token. */
class TokensPerChunkTest {

    @Test
    void tenTokensInChunksOfFourArriveAsFourFourTwo() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth().withTokensPerChunk(4))) {
            SimHttp http = new SimHttp(sim.baseUrl());
            SimHttp.Sse sse = http.stream("/v1/chat/completions", SimHttp.chatBody("pack them", 10, true, true),
                    "packed-1");
            List<String> data = sse.data();
            // role + 3 content chunks + usage + [DONE]
            assertThat(data).hasSize(6);
            int[] expected = { 4, 4, 2 };
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                JsonNode choice = SimHttp.parse(data.get(i + 1)).path("choices").get(0);
                String content = choice.path("delta").path("content").asText();
                assertThat(TokenCounter.count(content)).as("chunk %d", i).isEqualTo(expected[i]);
                assertThat(choice.path("finish_reason").isNull()).isEqualTo(i < 2);
                text.append(content);
            }
            assertThat(TokenCounter.count(text)).isEqualTo(10);
            assertThat(SimHttp.parse(data.get(4)).path("usage").path("completion_tokens").asInt()).isEqualTo(10);
            assertThat(data.get(5)).isEqualTo("[DONE]");

            RequestTruth truth = sim.groundTruth().find("packed-1").orElseThrow();
            assertThat(truth.completionTokens()).isEqualTo(10);
            // Tokens of one chunk share its write time; generation times are per token and strictly increasing.
            assertThat(truth.tokenNanos()[0]).isEqualTo(truth.tokenNanos()[3]);
            assertThat(truth.tokenNanos()[4]).isEqualTo(truth.tokenNanos()[7]).isGreaterThan(truth.tokenNanos()[3]);
            assertThat(truth.generatedNanos()).hasSize(10);
            assertThat(truth.generationGapsNanos()).hasSize(9);
            assertThat(Arrays.stream(truth.generationGapsNanos()).min().orElseThrow()).isPositive();
        }
    }

    @Test
    void atLeastOneTokenPerChunk() {
        assertThatThrownBy(() -> SimulatorConfig.defaults().withTokensPerChunk(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokensPerChunk");
    }
}
