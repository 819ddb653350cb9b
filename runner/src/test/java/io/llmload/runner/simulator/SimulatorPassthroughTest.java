package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.openai.SamplingParams;
import io.llmload.runner.workload.Tokenizer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies with every sampling parameter llmload passes through are accepted, and min_tokens / ignore_eos are met:
 * the simulator always generates max_tokens, and counts prompts with the client's default tokenizer.
 */
class SimulatorPassthroughTest {

    private static Simulator sim;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth());
        http = new SimHttp(sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void everyPassthroughParameterIsAcceptedAndMinTokensIsMet() {
        SamplingParams sampling = new SamplingParams(false, 12, 0.7, 0.9, 40, 7L, List.of("###"), 0.2, 0.1,
                Map.of("repetition_penalty", 1.1));
        String prompt = "Explain prefix caching to a new engineer.";
        String body = RequestBodies.chat(SimulatorConfig.DEFAULT_MODEL, "Be brief.", prompt, 12, false, sampling)
                .toString(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.post("/v1/chat/completions", body, "pass-1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = SimHttp.parse(response.body()).get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(12);
        Tokenizer cl100k = Tokenizer.defaultTokenizer();
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(cl100k.count("Be brief.") + cl100k.count(prompt));
    }

    @Test
    void ignoreEosStreamsExactlyMaxTokens() {
        String body = RequestBodies.completions(SimulatorConfig.DEFAULT_MODEL, SimHttp.words(20), 9, true,
                new SamplingParams(true, 9, null, null, null, null, null, null, null, null))
                .toString(StandardCharsets.UTF_8);
        SimHttp.Sse sse = http.stream("/v1/completions", body, "pass-2");
        assertThat(sse.status()).isEqualTo(200);
        RequestTruth truth = sim.groundTruth().find("pass-2").orElseThrow();
        assertThat(truth.completionTokens()).isEqualTo(9);
        assertThat(truth.promptTokens()).isEqualTo(20);
    }
}
