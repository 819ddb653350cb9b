package io.llmload.runner.simulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * POST /v1/embeddings. Latency is a plain timer of the prefill time of all inputs (tokens / prefillTokensPerSecond,
 * at least 1 ms: Vert.x timers have millisecond resolution); embeddings do not enter the decode batch, do not
 * count in the vllm:* metrics, and get no injected faults. Vectors are deterministic per (seed, input index, token
 * count) and unit-length.
 */
final class EmbeddingsHandler implements Handler<RoutingContext> {

    private final SimulatorServices services;

    EmbeddingsHandler(SimulatorServices services) {
        this.services = services;
    }

    @Override
    public void handle(RoutingContext rc) {
        long arrivalNanos = System.nanoTime();
        HttpServerResponse response = rc.response();
        String requestId = services.requestId(rc);
        List<Integer> counts;
        try {
            counts = services.parser().parseEmbeddingInputs(rc.body().buffer());
        } catch (ApiException e) {
            OpenAiJson.error(response, e);
            return;
        }
        SimulatorProfile profile = services.config().profile();
        PrefillOnly prefill = PrefillOnly.of(counts, profile);
        int promptTokens = prefill.tokens();
        rc.vertx().setTimer(prefill.delayMillis(), id -> {
            if (response.closed()) {
                return;
            }
            String body = render(counts, profile.embeddingDimensions(), promptTokens);
            long end = System.nanoTime();
            services.groundTruth().record(new RequestTruth(requestId, RequestTruth.API_EMBEDDINGS, false, arrivalNanos,
                    0, new long[0], end, promptTokens, 0, null, new long[0]));
            response.putHeader("content-type", OpenAiJson.APPLICATION_JSON).end(body);
        });
    }

    private String render(List<Integer> counts, int dims, int promptTokens) {
        long seed = services.config().seed();
        StringBuilder sb = new StringBuilder(64 + counts.size() * (dims * 12 + 48));
        sb.append("{\"object\":\"list\",\"data\":[");
        float[] vector = new float[dims];
        for (int i = 0; i < counts.size(); i++) {
            fill(vector, seed, i, counts.get(i));
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
            for (int d = 0; d < dims; d++) {
                if (d > 0) {
                    sb.append(',');
                }
                sb.append(vector[d]);
            }
            sb.append("]}");
        }
        sb.append("],\"model\":").append(services.quotedModel()).append(",\"usage\":{\"prompt_tokens\":")
                .append(promptTokens).append(",\"total_tokens\":").append(promptTokens).append("}}");
        return sb.toString();
    }

    private static void fill(float[] vector, long seed, int index, int tokens) {
        double norm = 0;
        for (int d = 0; d < vector.length; d++) {
            double v = Mix.unit(Mix.of(seed + tokens, index, d)) * 2 - 1;
            vector[d] = (float) v;
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= scale;
        }
    }
}
