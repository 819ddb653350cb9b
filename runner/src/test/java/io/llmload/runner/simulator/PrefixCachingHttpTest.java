package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prefix cache seen from outside: vLLM's prefix-cache counters on /metrics after real requests. */
class PrefixCachingHttpTest {

    /** 640 characters: 10 whole 64-character blocks. */
    private static final String SHARED = "shared system prompt with rules and context. ".repeat(15)
            .substring(0, 640);

    @Test
    void aSharedPrefixShowsUpAsHitsInTokensProportionalToTheSharedCharacters() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
            SimHttp http = new SimHttp(sim.baseUrl());
            String a = SHARED + " first question about the weather in Paris today?";
            String b = SHARED + " second, unrelated question: how do magnets work, in detail?";
            int tokensA = promptTokens(http, a);
            Map<String, Double> afterA = metrics(http);
            assertThat(afterA.get("vllm:prefix_cache_queries_total")).isEqualTo(tokensA);
            assertThat(afterA.get("vllm:prefix_cache_hits_total")).isZero();

            int tokensB = promptTokens(http, b);
            Map<String, Double> afterB = metrics(http);
            assertThat(afterB.get("vllm:prefix_cache_queries_total")).isEqualTo(tokensA + tokensB);
            // The 10 shared blocks, converted to tokens in proportion to b's characters.
            long expectedHits = 640L * tokensB / b.length();
            assertThat(expectedHits).isGreaterThan(tokensB / 2);
            assertThat(afterB.get("vllm:prefix_cache_hits_total")).isEqualTo(expectedHits);
        }
    }

    @Test
    void withPrefixCachingOffTheCountersStayZero() {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withProfile(SimulatorProfile.tiny().withPrefixCaching(false));
        try (Simulator sim = Simulator.start(config)) {
            SimHttp http = new SimHttp(sim.baseUrl());
            promptTokens(http, SHARED + " one");
            promptTokens(http, SHARED + " two");
            Map<String, Double> m = metrics(http);
            assertThat(m.get("vllm:prefix_cache_queries_total")).isZero();
            assertThat(m.get("vllm:prefix_cache_hits_total")).isZero();
            // Published at admission, before the response (request_success_total could lag the response).
            assertThat(m.get("vllm:prompt_tokens_total")).isPositive();
        }
    }

    /** Sends a non-streaming completion and returns the prompt tokens the server counted (its usage). */
    private static int promptTokens(SimHttp http, String prompt) {
        HttpResponse<String> r = http.post("/v1/completions", SimHttp.completionBody(prompt, 2, false), null);
        assertThat(r.statusCode()).isEqualTo(200);
        return SimHttp.parse(r.body()).path("usage").path("prompt_tokens").asInt();
    }

    private static Map<String, Double> metrics(SimHttp http) {
        return PrometheusParser.parse(http.get("/metrics").body(), SimulatorConfig.DEFAULT_MODEL);
    }
}
