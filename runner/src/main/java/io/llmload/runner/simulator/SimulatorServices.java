package io.llmload.runner.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** What the HTTP handlers share: config, the engines, the truth log, and the per-simulator counters. */
final class SimulatorServices {

    private final SimulatorConfig config;
    private final Engines engines;
    private final GroundTruth groundTruth;
    private final FaultPicker faultPicker;
    private final RequestParser parser;
    private final String quotedModel;
    /** Ordinal of each valid generation request: drives fault and token-text draws. */
    private final AtomicLong ordinals = new AtomicLong();
    private final AtomicLong generatedIds = new AtomicLong();

    SimulatorServices(SimulatorConfig config, Engines engines, GroundTruth groundTruth) {
        this.config = config;
        this.engines = engines;
        this.groundTruth = groundTruth;
        this.faultPicker = new FaultPicker(config.faults(), config.seed());
        this.parser = new RequestParser(config.modelName(), config.profile());
        this.quotedModel = OpenAiJson.quote(config.modelName());
    }

    SimulatorConfig config() {
        return config;
    }

    Engines engines() {
        return engines;
    }

    GroundTruth groundTruth() {
        return groundTruth;
    }

    FaultPicker faultPicker() {
        return faultPicker;
    }

    RequestParser parser() {
        return parser;
    }

    String quotedModel() {
        return quotedModel;
    }

    long nextOrdinal() {
        return ordinals.getAndIncrement();
    }

    /** The client's x-request-id (the key of the ground truth), or a generated one; echoed on the response. */
    String requestId(io.vertx.ext.web.RoutingContext rc) {
        String header = rc.request().getHeader("x-request-id");
        String id = header != null && !header.isBlank() ? header : "sim-" + generatedIds.incrementAndGet();
        rc.response().putHeader("x-request-id", id);
        return id;
    }
}
