package io.llmload.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control endpoint the operator talks to: probes, state, start, a search's probe commands, progress, result,
 * abort, release. JSON in and
 * out; every error is {@code {"message": ...}} with a 4xx/5xx status — never a stack trace. With a {@link
 * ControlToken}, every {@code /v1/} call must carry it ({@code Authorization: Bearer}, else 401); the probes
 * {@code /ready} and {@code /health} stay open because the kubelet calls them without credentials, and they tell
 * nothing but "up".
 */
final class ControlRoutes {

    private static final long BODY_LIMIT_BYTES = 64 * 1024;
    /** A snapshot is one hop to the engine's event loop; this only guards against a wedged engine. */
    private static final long SNAPSHOT_TIMEOUT_MS = 5_000;
    private static final String DEFAULT_ABORT_REASON = "aborted by the operator";

    private final WorkerEngine engine;
    private final Runnable release;

    private ControlRoutes(WorkerEngine engine, Runnable release) {
        this.engine = engine;
        this.release = release;
    }

    /** @param token the token every control call must carry; null: none (an in-process worker, in tests) */
    static Router create(Vertx vertx, WorkerEngine engine, Runnable release, ControlToken token) {
        ControlRoutes routes = new ControlRoutes(engine, release);
        Router router = Router.router(vertx);
        if (token != null) {
            // Before the body handler: a caller without the token gets nothing read, parsed or answered but 401.
            router.route("/v1/*").handler(rc -> authorize(rc, token));
        }
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        // The server listens only once the plan is loaded and the engine built: being up means ready.
        router.get("/ready").handler(rc -> text(rc, 200, "ok"));
        router.get("/health").handler(rc -> text(rc, 200, "ok"));
        router.get("/v1/state").handler(rc -> json(rc, 200, engine.status()));
        router.post("/v1/start").handler(routes::start);
        router.get("/v1/progress").handler(routes::progress);
        router.get("/v1/result").handler(routes::result);
        router.post("/v1/probe").handler(routes::probe);
        router.post("/v1/abort").handler(routes::abort);
        router.post("/v1/release").handler(routes::release);
        router.errorHandler(404, rc -> message(rc, 404, "no such endpoint: " + rc.request().method() + " "
                + rc.request().path()));
        router.errorHandler(405, rc -> message(rc, 405, "method " + rc.request().method() + " not allowed on "
                + rc.request().path()));
        router.errorHandler(413, rc -> message(rc, 413, "request body too large"));
        router.errorHandler(400, rc -> message(rc, 400, "bad request"));
        router.errorHandler(500, rc -> message(rc, 500, "internal error in the runner"));
        return router;
    }

    private static void authorize(RoutingContext rc, ControlToken token) {
        if (token.admits(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            rc.next();
        } else {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"llmload-runner\"");
            message(rc, 401, "control calls need the test's token (Authorization: Bearer), which only the operator "
                    + "has");
        }
    }

    private void start(RoutingContext rc) {
        StartRequest request;
        try {
            JsonNode body = WorkerJson.readObject(bodyText(rc, null));
            JsonNode value = body.get("startAtEpochMillis");
            if (!isEpochMillis(value)) {
                throw new IllegalArgumentException("startAtEpochMillis: required, a positive whole number "
                        + "(milliseconds since the epoch)");
            }
            JsonNode keep = body.get("keepResultsUntilEpochMillis");
            if (keep != null && !keep.isNull() && !isEpochMillis(keep)) {
                throw new IllegalArgumentException("keepResultsUntilEpochMillis: a positive whole number "
                        + "(milliseconds since the epoch), or absent");
            }
            request = new StartRequest(value.asLong(), keep == null || keep.isNull() ? null : keep.asLong());
        } catch (IllegalArgumentException e) {
            message(rc, 400, e.getMessage());
            return;
        }
        WorkerEngine.StartResult started = engine.start(request.startAtEpochMillis(),
                request.keepResultsUntilEpochMillis());
        if (started.outcome() == WorkerEngine.StartOutcome.CONFLICT) {
            message(rc, 409, started.message());
        } else {
            json(rc, 202, started.status());
        }
    }

    /** A capacity search's probe command: 200 with the probes' states when taken, 409 with why not. */
    private void probe(RoutingContext rc) {
        ProbeCommand command;
        try {
            command = WorkerJson.MAPPER.treeToValue(WorkerJson.readObject(bodyText(rc, null)), ProbeCommand.class);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            message(rc, 400, "not a probe command (stage, level, startAtEpochMillis; or stage, abort; or finish): "
                    + WorkerJson.oneLine(e.getMessage()));
            return;
        }
        ProbeCommand.Outcome outcome = engine.command(command);
        if (outcome.accepted()) {
            json(rc, 200, engine.status());
        } else {
            message(rc, command.problem() != null ? 400 : 409, outcome.message());
        }
    }

    private void progress(RoutingContext rc) {
        reply(rc, engine.progress(rc.queryParams().get("since")).orTimeout(SNAPSHOT_TIMEOUT_MS,
                TimeUnit.MILLISECONDS), 200);
    }

    private static boolean isEpochMillis(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0;
    }

    private void result(RoutingContext rc) {
        engine.result().ifPresentOrElse(data -> json(rc, 200, data), () -> {
            WorkerStatus status = engine.status();
            message(rc, 409, "no result yet: the worker is " + status.phase()
                    + (status.message() == null ? "" : " (" + status.message() + ")"));
        });
    }

    private void abort(RoutingContext rc) {
        String reason;
        try {
            String text = bodyText(rc, "");
            reason = DEFAULT_ABORT_REASON;
            if (!text.isBlank()) {
                JsonNode value = WorkerJson.readObject(text).get("reason");
                if (value != null && !value.isNull() && !value.isTextual()) {
                    throw new IllegalArgumentException("reason: expected a string");
                }
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    reason = new AbortRequest(value.asText().strip()).reason();
                }
            }
        } catch (IllegalArgumentException e) {
            message(rc, 400, e.getMessage());
            return;
        }
        // The engine stops within milliseconds; should it not, answer 202 with the state so far (still stopping).
        Context context = Vertx.currentContext();
        engine.abort(reason).orTimeout(WorkerEngine.STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((s, e) ->
                context.runOnContext(v -> json(rc, e == null ? 200 : 202, engine.status())));
    }

    private void release(RoutingContext rc) {
        rc.response().setStatusCode(200).putHeader("content-type", "application/json")
                .end(WorkerJson.write(engine.status()))
                .onComplete(done -> release.run());
    }

    /** Answers with the future's value, back on the request's event loop; a failure becomes 409 with its message. */
    private static void reply(RoutingContext rc, CompletableFuture<?> future, int status) {
        Context context = Vertx.currentContext();
        future.whenComplete((value, error) -> context.runOnContext(v -> {
            if (error == null) {
                json(rc, status, value);
            } else if (error instanceof TimeoutException || error.getCause() instanceof TimeoutException) {
                message(rc, 503, "the engine did not answer in time");
            } else {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                message(rc, 409, cause.getMessage());
            }
        }));
    }

    private static String bodyText(RoutingContext rc, String ifEmpty) {
        String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            if (ifEmpty != null) {
                return ifEmpty;
            }
            throw new IllegalArgumentException("a JSON body is required");
        }
        return text;
    }

    private static void json(RoutingContext rc, int status, Object body) {
        if (!rc.response().ended()) {
            rc.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(WorkerJson.write(body));
        }
    }

    private static void message(RoutingContext rc, int status, String text) {
        json(rc, status, Map.of("message", text == null ? "error" : text));
    }

    private static void text(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader("content-type", "text/plain").end(body);
    }
}
