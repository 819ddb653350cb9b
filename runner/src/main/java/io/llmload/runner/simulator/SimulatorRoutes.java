package io.llmload.runner.simulator;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/** The OpenAI/vLLM-compatible HTTP surface. */
final class SimulatorRoutes {

    private static final long BODY_LIMIT_BYTES = 32L * 1024 * 1024;

    private SimulatorRoutes() {
    }

    static Router create(Vertx vertx, SimulatorServices services) {
        Router router = Router.router(vertx);
        String modelName = services.config().modelName();
        long createdSeconds = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis());
        String modelsBody = "{\"object\":\"list\",\"data\":[{\"id\":" + services.quotedModel()
                + ",\"object\":\"model\",\"created\":" + createdSeconds + ",\"owned_by\":\"llmload\",\"root\":"
                + services.quotedModel() + ",\"parent\":null,\"max_model_len\":"
                + services.config().profile().kvCacheTokens() + "}]}";

        router.get("/health").handler(rc -> rc.response().setStatusCode(200).end());
        router.get("/v1/models").handler(rc -> rc.response()
                .putHeader("content-type", OpenAiJson.APPLICATION_JSON).end(modelsBody));
        router.get("/metrics").handler(rc -> rc.response()
                .putHeader("content-type", VllmMetricsRenderer.CONTENT_TYPE)
                .end(services.engines().metricsText(modelName)));

        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
        router.post("/v1/chat/completions").handler(body)
                .handler(new GenerationHandler(GenerationHandler.Endpoint.CHAT, services));
        router.post("/v1/completions").handler(body)
                .handler(new GenerationHandler(GenerationHandler.Endpoint.COMPLETIONS, services));
        router.post("/v1/responses").handler(body)
                .handler(new GenerationHandler(GenerationHandler.Endpoint.RESPONSES, services));
        router.post("/v1/embeddings").handler(body).handler(new EmbeddingsHandler(services));
        // Cross-encoders, where vLLM serves them: at the root and (deprecated there, but served) under /v1.
        ScoringHandler rerank = new ScoringHandler(true, services);
        ScoringHandler score = new ScoringHandler(false, services);
        router.post("/rerank").handler(body).handler(rerank);
        router.post("/v1/rerank").handler(body).handler(rerank);
        router.post("/score").handler(body).handler(score);
        router.post("/v1/score").handler(body).handler(score);

        router.errorHandler(404, rc -> OpenAiJson.error(rc.response(), 404, "NotFoundError",
                "Not found: " + rc.request().method() + " " + rc.request().path()));
        router.errorHandler(405, rc -> OpenAiJson.error(rc.response(), 405, ApiException.INVALID_REQUEST,
                "Method not allowed: " + rc.request().method() + " " + rc.request().path()));
        router.errorHandler(413, rc -> OpenAiJson.error(rc.response(), 413, ApiException.INVALID_REQUEST,
                "Request body larger than " + BODY_LIMIT_BYTES + " bytes"));
        router.errorHandler(500, rc -> OpenAiJson.error(rc.response(), 500, "server_error",
                "Unexpected simulator error: " + rc.failure()));
        return router;
    }
}
