package io.llmload.runner.simulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * POST /v1/chat/completions, /v1/completions and /v1/responses: validate, draw the fault for this request's ordinal,
 * then either fail immediately (429/500, never queued) or hand the request to the batch scheduler via a
 * {@link GenerationExchange}.
 */
final class GenerationHandler implements Handler<RoutingContext> {

    /** Which generation endpoint: its request shape, its answer's wire format and id prefix. */
    enum Endpoint { CHAT, COMPLETIONS, RESPONSES }

    private final Endpoint endpoint;
    private final SimulatorServices services;

    GenerationHandler(Endpoint endpoint, SimulatorServices services) {
        this.endpoint = endpoint;
        this.services = services;
    }

    @Override
    public void handle(RoutingContext rc) {
        // BodyHandler has run: the body is fully received now.
        long arrivalNanos = System.nanoTime();
        HttpServerResponse response = rc.response();
        String requestId = services.requestId(rc);
        GenerationRequest request;
        try {
            request = endpoint == Endpoint.RESPONSES ? services.parser().parseResponses(rc.body().buffer())
                    : services.parser().parseGeneration(rc.body().buffer(), endpoint == Endpoint.CHAT);
        } catch (ApiException e) {
            OpenAiJson.error(response, e);
            return;
        }
        long ordinal = services.nextOrdinal();
        Fault fault = services.faultPicker().pick(ordinal);
        FaultInjection faults = services.config().faults();
        if (fault == Fault.RATE_LIMITED) {
            response.putHeader("retry-after", Integer.toString(faults.retryAfterSeconds()));
            recordRejected(requestId, request, arrivalNanos, fault);
            OpenAiJson.error(response, 429, "rate_limit_error", "Rate limit exceeded (simulated). Retry after "
                    + faults.retryAfterSeconds() + " s.");
            return;
        }
        if (fault == Fault.SERVER_ERROR) {
            recordRejected(requestId, request, arrivalNanos, fault);
            OpenAiJson.error(response, 500, "server_error", "Internal server error (simulated).");
            return;
        }
        long created = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis());
        String responseId = (endpoint == Endpoint.CHAT ? "chatcmpl-" : endpoint == Endpoint.COMPLETIONS ? "cmpl-" : "")
                + requestId;
        long stallNanos = fault == Fault.STALL ? TimeUnit.MILLISECONDS.toNanos(faults.stallMillis()) : 0;
        try {
            GenerationExchange exchange = new GenerationExchange(response, rc.vertx().getOrCreateContext(),
                    services.engines().route(), services.groundTruth(), request, requestId, arrivalNanos, fault,
                    stallNanos, responseId, created, services.quotedModel(), services.config().seed(), ordinal,
                    services.config().tokensPerChunk());
            exchange.start();
        } catch (IllegalStateException e) {
            OpenAiJson.error(response, 503, "server_error", "simulator unavailable: " + e.getMessage());
        }
    }

    private void recordRejected(String requestId, GenerationRequest request, long arrivalNanos, Fault fault) {
        services.groundTruth().record(new RequestTruth(requestId, request.api(), request.stream(), arrivalNanos, 0,
                new long[0], System.nanoTime(), request.promptTokens(), 0, fault.wireName, new long[0]));
    }
}
