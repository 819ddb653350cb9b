package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The endpoints beyond chat/completions/embeddings, against the simulator's vLLM-shaped answers: /v1/responses
 * streamed (typed events: TTFT and per-chunk arrivals, usage from response.completed) and whole, and the
 * cross-encoders rerank and score (E2E only, usage as prompt tokens). Every client figure matches the simulator's
 * record of the same request.
 */
class ResponsesAndScoringTest {

    private static final String LOAD = "{model: closed, stages: [{duration: 1500ms, users: 2}]}";

    @Test
    void streamedResponsesGiveTtftPerChunkArrivalsAndTheServersUsage() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(LOAD, "{name: resp, api: responses, prompt: "
                    + "{systemPrompt: Be brief., inputTokens: {value: 40}}, output: {maxTokens: {value: 12}}}"),
                    sim.baseUrl(), 8);
            List<RequestTrace> done = run.traces.stream().filter(t -> !t.interrupted()).toList();
            assertThat(done).isNotEmpty().allSatisfy(t -> {
                assertThat(t.error()).as(t.errorMessage()).isNull();
                assertThat(t.streamed()).isTrue();
                RequestTruth truth = sim.groundTruth().find(t.requestId()).orElseThrow();
                assertThat(truth.api()).isEqualTo(RequestTruth.API_RESPONSES);
                assertThat(t.chunks()).isEqualTo(12);
                assertThat(t.outputTokens()).isEqualTo(12);
                assertThat(t.clientOutputTokens()).isEqualTo(12);
                assertThat(t.inputTokens()).isEqualTo(truth.promptTokens()).isEqualTo(43);
                assertThat(t.firstTokenNanos()).isGreaterThan(t.sendNanos());
            });
        }
    }

    @Test
    void wholeResponsesAreDecodedFromTheirOutputItems() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(LOAD, "{name: resp, api: responses, stream: false, "
                    + "prompt: {text: hello there}, output: {maxTokens: {value: 7}}}"), sim.baseUrl(), 8);
            assertThat(run.traces).isNotEmpty().filteredOn(t -> !t.interrupted()).allSatisfy(t -> {
                assertThat(t.error()).as(t.errorMessage()).isNull();
                assertThat(t.streamed()).isFalse();
                assertThat(t.outputTokens()).isEqualTo(7);
                assertThat(t.clientOutputTokens()).isEqualTo(7);
            });
        }
    }

    @Test
    void rerankAndScoreAreMeasuredEndToEndWithThePairsPromptTokens() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            for (String api : List.of("rerank", "score")) {
                EngineRuns run = EngineRuns.run(EngineRuns.manifest(LOAD, "{name: " + api + ", api: " + api
                        + ", prompt: {inputTokens: {value: 10}}, rerank: {documents: 5, documentTokens: {value: 30}"
                        + (api.equals("rerank") ? ", topN: 2" : "") + "}}"), sim.baseUrl(), 8);
                assertThat(run.traces).as(api).isNotEmpty().filteredOn(t -> !t.interrupted()).allSatisfy(t -> {
                    assertThat(t.error()).as(t.errorMessage()).isNull();
                    assertThat(t.streamed()).isFalse();
                    assertThat(t.chunks()).isZero();
                    assertThat(t.outputTokens()).isZero();
                    // 5 (query, document) pairs of 10 + 30 tokens, counted alike by client and server.
                    assertThat(t.inputTokens()).isEqualTo(200);
                    assertThat(sim.groundTruth().find(t.requestId()).orElseThrow().api()).isEqualTo(api);
                });
            }
        }
    }
}
