package io.llmload.runner.simulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * POST /rerank and /score (also under /v1), vLLM's cross-encoder endpoints. Like embeddings, the latency is the
 * prefill time of every (query, document) pair ({@link PrefillOnly}); no decode batch,
 * no vllm:* metrics, no injected faults. Scores are deterministic per (seed, document index, pair length); rerank
 * returns results by descending relevance, cut to top_n when given.
 */
final class ScoringHandler implements Handler<RoutingContext> {

    private final boolean rerank;
    private final SimulatorServices services;

    ScoringHandler(boolean rerank, SimulatorServices services) {
        this.rerank = rerank;
        this.services = services;
    }

    @Override
    public void handle(RoutingContext rc) {
        long arrivalNanos = System.nanoTime();
        HttpServerResponse response = rc.response();
        String requestId = services.requestId(rc);
        List<Integer> pairs;
        Integer topN;
        try {
            pairs = services.parser().parseScoringPairs(rc.body().buffer(), rerank);
            topN = rerank ? topN(rc) : null;
        } catch (ApiException e) {
            OpenAiJson.error(response, e);
            return;
        }
        PrefillOnly prefill = PrefillOnly.of(pairs, services.config().profile());
        int promptTokens = prefill.tokens();
        rc.vertx().setTimer(prefill.delayMillis(), id -> {
            if (response.closed()) {
                return;
            }
            String body = rerank ? rerankBody(pairs, topN, promptTokens, requestId) : scoreBody(pairs, promptTokens,
                    requestId);
            services.groundTruth().record(new RequestTruth(requestId, rerank ? RequestTruth.API_RERANK
                    : RequestTruth.API_SCORE, false, arrivalNanos, 0, new long[0], System.nanoTime(), promptTokens, 0,
                    null, new long[0]));
            response.putHeader("content-type", OpenAiJson.APPLICATION_JSON).end(body);
        });
    }

    private static Integer topN(RoutingContext rc) {
        var root = rc.body().asJsonObject();
        Object value = root.getValue("top_n");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer n) || n < 0) {
            throw ApiException.badRequest("'top_n' must be a non-negative integer");
        }
        return n == 0 ? null : n;
    }

    private double score(int index, int pairTokens) {
        return Mix.unit(Mix.of(services.config().seed() + pairTokens, index, 7));
    }

    private String rerankBody(List<Integer> pairs, Integer topN, int promptTokens, String requestId) {
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score(b, pairs.get(b)), score(a, pairs.get(a))));
        int n = topN == null ? order.length : Math.min(topN, order.length);
        StringBuilder sb = new StringBuilder(64 + n * 64);
        sb.append("{\"id\":\"rerank-").append(requestId).append("\",\"model\":").append(services.quotedModel())
                .append(",\"results\":[");
        for (int k = 0; k < n; k++) {
            int i = order[k];
            sb.append(k == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"document\":{\"text\":null},")
                    .append("\"relevance_score\":").append(score(i, pairs.get(i))).append('}');
        }
        return sb.append("],\"usage\":{\"prompt_tokens\":").append(promptTokens).append(",\"total_tokens\":")
                .append(promptTokens).append("}}").toString();
    }

    private String scoreBody(List<Integer> pairs, int promptTokens, String requestId) {
        StringBuilder sb = new StringBuilder(96 + pairs.size() * 48);
        sb.append("{\"id\":\"score-").append(requestId).append("\",\"object\":\"list\",\"model\":")
                .append(services.quotedModel()).append(",\"data\":[");
        for (int i = 0; i < pairs.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"object\":\"score\",\"score\":")
                    .append(score(i, pairs.get(i))).append('}');
        }
        return sb.append("],\"usage\":{\"prompt_tokens\":").append(promptTokens).append(",\"total_tokens\":")
                .append(promptTokens).append(",\"completion_tokens\":0}}").toString();
    }
}
