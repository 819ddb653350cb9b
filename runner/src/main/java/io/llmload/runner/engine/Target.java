package io.llmload.runner.engine;

import io.llmload.runner.openai.Api;
import io.llmload.runner.openai.SseParser;
import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.target.ModelChoice;
import io.llmload.runner.target.TargetConnection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved endpoint: where to send, which model (and how it was chosen), the bearer token (never logged or
 * reported: {@link #toString()} hides it), the per-request timeout, the connection pool size, and how to connect
 * ({@link TargetConnection}: API base path, TLS, proxy, extra headers).
 */
public record Target(URI baseUri, String model, String apiKey, Duration timeout, int maxConnections,
        int maxEventBytes, TargetConnection connection, String modelSource) {

    public Target {
        connection = connection == null ? TargetConnection.plain(baseUri) : connection;
        modelSource = modelSource == null ? ModelChoice.SPEC : modelSource;
    }

    /** A plain target: /v1 under the URL, no TLS settings, proxy or extra headers, the default SSE event cap. */
    public Target(URI baseUri, String model, String apiKey, Duration timeout, int maxConnections) {
        this(baseUri, model, apiKey, timeout, maxConnections, SseParser.DEFAULT_MAX_EVENT_BYTES, null, null);
    }

    /** Open model default pool: enough for every arrival of 60 s at peak rate, within sane bounds. */
    private static final int MIN_OPEN_CONNECTIONS = 64;
    private static final int MAX_DEFAULT_CONNECTIONS = 4096;

    /**
     * The target of a run: the URL and model it resolved, the spec's timeout (default 120 s) and pool size (default:
     * one connection per closed-model user plus a few, or 60 s of open-model arrivals at peak rate).
     */
    public static Target resolve(URI url, String model, String apiKey, TargetSpec spec, LoadPlan plan) {
        return resolve(url, new ModelChoice(model, ModelChoice.SPEC), apiKey, TargetConnection.plain(url), spec, plan);
    }

    /** The target with its connection settings and the model as chosen ({@link ModelChoice}). */
    public static Target resolve(URI url, ModelChoice model, String apiKey, TargetConnection connection,
            TargetSpec spec, LoadPlan plan) {
        return new Target(url, model.model(), apiKey == null || apiKey.isBlank() ? null : apiKey, timeout(spec),
                connections(spec, plan), maxEventBytes(spec), connection, model.source());
    }

    /**
     * The same target with the default pool sized for another plan (a capacity search's probe: each probe's level
     * decides how many connections it needs); a pool size set in the spec stays.
     */
    public Target withConnectionsFor(TargetSpec spec, LoadPlan plan) {
        return new Target(baseUri, model, apiKey, timeout, connections(TargetSpec.orEmpty(spec), plan), maxEventBytes,
                connection, modelSource);
    }

    /** The spec's per-request timeout (default {@link TargetSpec#DEFAULT_TIMEOUT}). */
    public static Duration timeout(TargetSpec spec) {
        return Durations.parseOr(TargetSpec.orEmpty(spec).timeout(), TargetSpec.DEFAULT_TIMEOUT);
    }

    private static int maxEventBytes(TargetSpec spec) {
        Integer cap = TargetSpec.orEmpty(spec).maxEventBytes();
        return cap == null ? SseParser.DEFAULT_MAX_EVENT_BYTES : cap;
    }

    private static int connections(TargetSpec target, LoadPlan plan) {
        if (target.maxConnections() != null) {
            return target.maxConnections();
        }
        double peak = plan.peakLevel();
        if (plan.model() == LoadModel.CLOSED) {
            // Every user must have its connection: fewer would make users wait for each other, and the test would
            // run fewer concurrent users than it says.
            return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(peak) + 4);
        }
        long wanted = Math.max(MIN_OPEN_CONNECTIONS, (long) Math.ceil(peak * 60));
        return (int) Math.min(MAX_DEFAULT_CONNECTIONS, wanted);
    }

    public boolean ssl() {
        return "https".equals(baseUri.getScheme());
    }

    public int port() {
        return baseUri.getPort() > 0 ? baseUri.getPort() : ssl() ? 443 : 80;
    }

    /** The request path of an endpoint: the API base (e.g. /v1, /openai/v1) and the endpoint's path. */
    public String path(Api api) {
        return connection.path(api.path());
    }

    /** The URL as reports show it: scheme, host, port and path only (no user-info, no query). */
    public String label() {
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        return baseUri.getScheme() + "://" + baseUri.getHost() + ":" + port()
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** What the report says about the target beyond its URL: how the model was chosen and how it is reached. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("modelSource", modelSource);
        d.putAll(connection.describe());
        return d;
    }

    @Override
    public String toString() {
        return "Target[" + label() + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
