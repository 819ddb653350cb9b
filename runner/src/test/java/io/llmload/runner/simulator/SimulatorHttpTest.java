package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.workload.Tokenizer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI/vLLM wire format and the ground-truth record, against the tiny profile. */
class SimulatorHttpTest {

    /** The simulator counts with the default tokenizer (cl100k_base). */
    private static final Tokenizer TOKENS = Tokenizer.defaultTokenizer();

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
        sim.close(); // idempotent
    }

    @Test
    void baseUrlIsLoopbackWithActualPort() {
        assertThat(sim.port()).isPositive();
        assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
    }

    @Test
    void streamingChatSendsRoleChunkThenOneChunkPerTokenThenUsageThenDone() {
        String prompt = "Hello, simulator! How are you today?";
        SimHttp.Sse sse = http.stream("/v1/chat/completions", SimHttp.chatBody(prompt, 5, true, true), "chat-usage-1");

        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        List<String> data = sse.data();
        // role + 5 tokens + usage + [DONE]
        assertThat(data).hasSize(8);
        JsonNode role = SimHttp.parse(data.get(0));
        assertThat(role.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(role.path("model").asText()).isEqualTo("llmload-sim");
        assertThat(role.path("id").asText()).isEqualTo("chatcmpl-chat-usage-1");
        assertThat(role.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(role.path("choices").get(0).path("delta").path("content").asText()).isEmpty();
        assertThat(role.path("choices").get(0).path("finish_reason").isNull()).isTrue();

        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            JsonNode chunk = SimHttp.parse(data.get(i));
            JsonNode choice = chunk.path("choices").get(0);
            String content = choice.path("delta").path("content").asText();
            assertThat(content).startsWith(" ");
            assertThat(TOKENS.count(content)).isEqualTo(1);
            text.append(content);
            if (i < 5) {
                assertThat(choice.path("finish_reason").isNull()).isTrue();
            } else {
                assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
            }
        }
        assertThat(TOKENS.count(text.toString())).isEqualTo(5);

        JsonNode usage = SimHttp.parse(data.get(6));
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices")).isEmpty();
        int promptTokens = TOKENS.count(prompt);
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(promptTokens);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(promptTokens + 5);
        assertThat(data.get(7)).isEqualTo("[DONE]");
    }

    @Test
    void streamingWithoutIncludeUsageHasNoUsageChunk() {
        SimHttp.Sse sse = http.stream("/v1/chat/completions", SimHttp.chatBody("no usage please", 3, true, false),
                null);
        List<String> data = sse.data();
        assertThat(data).hasSize(5); // role + 3 tokens + [DONE]
        assertThat(data).noneMatch(d -> d.contains("\"usage\""));
        assertThat(sse.endsWithDone()).isTrue();
    }

    @Test
    void streamingCompletionsSendTextChunks() {
        SimHttp.Sse sse = http.stream("/v1/completions", SimHttp.completionBody("Once upon a time", 4, true), null);
        List<String> data = sse.data();
        assertThat(data).hasSize(5); // 4 tokens + [DONE], no role chunk
        for (int i = 0; i < 4; i++) {
            JsonNode chunk = SimHttp.parse(data.get(i));
            assertThat(chunk.path("object").asText()).isEqualTo("text_completion");
            JsonNode choice = chunk.path("choices").get(0);
            assertThat(TOKENS.count(choice.path("text").asText())).isEqualTo(1);
            assertThat(choice.path("finish_reason").isNull()).isEqualTo(i < 3);
        }
        assertThat(SimHttp.parse(data.get(3)).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("length");
        assertThat(data.get(4)).isEqualTo("[DONE]");
    }

    @Test
    void nonStreamingChatReturnsMessageAndUsage() {
        String prompt = "Summarise: the quick brown fox jumps over the lazy dog.";
        HttpResponse<String> r = http.post("/v1/chat/completions", SimHttp.chatBody(prompt, 7, false, false),
                "plain-chat-1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode body = SimHttp.parse(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(TOKENS.count(choice.path("message").path("content").asText())).isEqualTo(7);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(TOKENS.count(prompt));
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(7);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(TOKENS.count(prompt) + 7);

        RequestTruth truth = sim.groundTruth().find("plain-chat-1").orElseThrow();
        assertThat(truth.stream()).isFalse();
        assertThat(truth.completionTokens()).isEqualTo(7);
        assertThat(truth.tokenNanos()).hasSize(7);
        assertThat(truth.firstTokenNanos()).isEqualTo(truth.tokenNanos()[0]);
        assertThat(truth.endNanos()).isGreaterThanOrEqualTo(truth.tokenNanos()[6]);
    }

    @Test
    void nonStreamingCompletionsAcceptPromptArraysAndMaxCompletionTokens() {
        String body = "{\"prompt\":[\"first part.\",\"second part here\"],\"max_completion_tokens\":3,"
                + "\"ignore_eos\":true,\"min_tokens\":1}";
        HttpResponse<String> r = http.post("/v1/completions", body, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode json = SimHttp.parse(r.body());
        assertThat(json.path("object").asText()).isEqualTo("text_completion");
        assertThat(TOKENS.count(json.path("choices").get(0).path("text").asText())).isEqualTo(3);
        assertThat(json.path("usage").path("prompt_tokens").asInt())
                .isEqualTo(TOKENS.count("first part.") + TOKENS.count("second part here"));
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void defaultMaxTokensComesFromTheProfile() {
        HttpResponse<String> r = http.post("/v1/completions", "{\"prompt\":\"hi\"}", null);
        assertThat(SimHttp.parse(r.body()).path("usage").path("completion_tokens").asInt())
                .isEqualTo(SimulatorProfile.tiny().defaultMaxTokens());
    }

    @Test
    void embeddingsHaveProfileDimensionsAndUsage() {
        HttpResponse<String> r = http.post("/v1/embeddings",
                "{\"model\":\"llmload-sim\",\"input\":[\"one two three\",\"four, five\"]}", "emb-1");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.parse(r.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode item = body.path("data").get(i);
            assertThat(item.path("object").asText()).isEqualTo("embedding");
            assertThat(item.path("index").asInt()).isEqualTo(i);
            assertThat(item.path("embedding")).hasSize(SimulatorProfile.tiny().embeddingDimensions());
            double norm = 0;
            for (JsonNode v : item.path("embedding")) {
                norm += v.asDouble() * v.asDouble();
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(3 + 3);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(6);
        assertThat(sim.groundTruth().find("emb-1").orElseThrow().api()).isEqualTo(RequestTruth.API_EMBEDDINGS);
    }

    @Test
    void badRequestsGetOpenAiErrors() {
        assertError(http.post("/v1/chat/completions", "{not json", null), 400, "invalid_request_error");
        assertError(http.post("/v1/chat/completions", "{\"max_tokens\":3}", null), 400, "invalid_request_error");
        assertError(http.post("/v1/chat/completions", "[1,2]", null), 400, "invalid_request_error");
        assertError(http.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":0}", null), 400,
                "invalid_request_error");
        assertError(http.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":2,\"min_tokens\":3}", null), 400,
                "invalid_request_error");
        assertError(http.post("/v1/completions", "{\"prompt\":\"x\",\"stream\":\"yes\"}", null), 400,
                "invalid_request_error");
        assertError(http.post("/v1/embeddings", "{}", null), 400, "invalid_request_error");
        // Longer than the KV cache can ever hold: rejected like vLLM's max context length check.
        assertError(http.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":100000}", null), 400,
                "invalid_request_error");
        assertError(http.post("/v1/completions", "{\"model\":\"other\",\"prompt\":\"x\"}", null), 404,
                "NotFoundError");
    }

    @Test
    void modelsHealthAndUnknownRoutes() {
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> models = http.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.parse(models.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(1);
        assertThat(body.path("data").get(0).path("id").asText()).isEqualTo("llmload-sim");
        assertThat(body.path("data").get(0).path("object").asText()).isEqualTo("model");
        assertThat(http.get("/v1/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void groundTruthRecordsEveryStreamedTokenWithClientConsistentTimes() {
        String prompt = "Please explain continuous batching, in detail; with examples.";
        SimHttp.Sse sse = http.stream("/v1/chat/completions", SimHttp.chatBody(prompt, 12, true, false), "truth-1");
        RequestTruth truth = sim.groundTruth().find("truth-1").orElseThrow();

        assertThat(truth.api()).isEqualTo(RequestTruth.API_CHAT);
        assertThat(truth.stream()).isTrue();
        assertThat(truth.fault()).isNull();
        assertThat(truth.promptTokens()).isEqualTo(TOKENS.count(prompt));
        assertThat(truth.completionTokens()).isEqualTo(12);
        assertThat(truth.tokenNanos()).hasSize(12);
        assertThat(truth.firstTokenNanos()).isEqualTo(truth.tokenNanos()[0]);
        assertThat(truth.ttftNanos()).isPositive();
        assertThat(truth.interTokenGapsNanos()).hasSize(11);
        assertThat(java.util.Arrays.stream(truth.interTokenGapsNanos()).min().orElseThrow()).isPositive();
        assertThat(truth.endNanos()).isGreaterThanOrEqualTo(truth.tokenNanos()[11]);

        // Causality with the client's clock (same JVM): sent <= arrival, server write <= client receipt.
        assertThat(truth.arrivalNanos()).isGreaterThanOrEqualTo(sse.sentNanos());
        List<Long> received = sse.contentNanos();
        assertThat(received).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(received.get(i)).isGreaterThanOrEqualTo(truth.tokenNanos()[i]);
        }
    }

    @Test
    void generatedRequestIdsAreUniqueAndEchoed() {
        HttpResponse<String> a = http.post("/v1/completions", SimHttp.completionBody("a", 1, false), null);
        HttpResponse<String> b = http.post("/v1/completions", SimHttp.completionBody("b", 1, false), null);
        String idA = a.headers().firstValue("x-request-id").orElseThrow();
        String idB = b.headers().firstValue("x-request-id").orElseThrow();
        assertThat(idA).isNotEqualTo(idB);
        assertThat(sim.groundTruth().find(idA)).isPresent();
        assertThat(SimHttp.parse(a.body()).path("id").asText()).isEqualTo("cmpl-" + idA);
    }

    @Test
    void metricsAreValidPrometheusTextWithVllmNames() {
        http.post("/v1/completions", SimHttp.completionBody("count me", 2, false), null);
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        java.util.Map<String, Double> m = PrometheusParser.parse(r.body(), "llmload-sim");
        assertThat(m).containsKeys("vllm:num_requests_running", "vllm:num_requests_waiting",
                "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:num_preemptions_total",
                "vllm:prompt_tokens_total", "vllm:generation_tokens_total", "vllm:request_success_total",
                "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total");
        assertThat(m.get("vllm:generation_tokens_total")).isGreaterThanOrEqualTo(2.0);
        assertThat(m.get("vllm:request_success_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.get("vllm:prompt_tokens_total")).isGreaterThanOrEqualTo(2.0);
        assertThat(m.get("vllm:kv_cache_usage_perc")).isBetween(0.0, 1.0);
        assertThat(m.get("vllm:gpu_cache_usage_perc")).isEqualTo(m.get("vllm:kv_cache_usage_perc"));
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            SimulatorConfig config = SimulatorConfig.defaults().withPort(taken.getLocalPort());
            assertThatThrownBy(() -> Simulator.start(config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void tokenTextIsDeterministicPerSeed() {
        String body = SimHttp.completionBody("same prompt", 16, false);
        String a = firstCompletionText(SimulatorConfig.defaults().withGroundTruth().withSeed(5), body);
        String b = firstCompletionText(SimulatorConfig.defaults().withGroundTruth().withSeed(5), body);
        String c = firstCompletionText(SimulatorConfig.defaults().withGroundTruth().withSeed(6), body);
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(TOKENS.count(c)).isEqualTo(16);
    }

    private static String firstCompletionText(SimulatorConfig config, String body) {
        try (Simulator s = Simulator.start(config)) {
            HttpResponse<String> r = new SimHttp(s.baseUrl()).post("/v1/completions", body, null);
            return SimHttp.parse(r.body()).path("choices").get(0).path("text").asText();
        }
    }

    @Test
    void clientDisconnectAbortsTheSequenceAndFreesItsKv() throws Exception {
        try (Simulator s = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            String body = SimHttp.completionBody(SimHttp.words(50), 5_000, true);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.port())) {
                socket.setSoTimeout(10_000);
                String request = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nx-request-id: gone\r\nContent-Length: "
                        + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                // Read until some token chunks arrived, then hang up.
                java.io.InputStream in = socket.getInputStream();
                byte[] buf = new byte[4096];
                int total = 0;
                for (int i = 0; i < 1_000 && total < 2_000; i++) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
                assertThat(total).isGreaterThanOrEqualTo(2_000);
                assertThat(s.state().running()).isEqualTo(1);
            }
            // 5000 tokens would take ~10 s; the abort frees the batch slot and KV long before.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(s.state().running()).isZero();
                assertThat(s.state().kvTokensUsed()).isZero();
            });
            assertThat(s.state().requestsFinished()).isZero();
            assertThat(s.groundTruth().find("gone")).isEmpty();
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = SimHttp.parse(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank();
    }
}
