package io.llmload.runner.engine;

import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.TargetSpec;
import java.net.URI;
import java.time.Duration;

/**
 * The resolved endpoint: where to send, which model, the bearer token (never logged or reported: {@link #toString()}
 * hides it), the per-request timeout and the connection pool size.
 */
public record Target(URI baseUri, String model, String apiKey, Duration timeout, int maxConnections) {

    /** Open model default pool: enough for every arrival of 60 s at peak rate, within sane bounds. */
    private static final int MIN_OPEN_CONNECTIONS = 64;
    private static final int MAX_DEFAULT_CONNECTIONS = 4096;

    /**
     * The target of a run: the URL and model it resolved, the spec's timeout (default 120 s) and pool size (default:
     * one connection per closed-model user plus a few, or 60 s of open-model arrivals at peak rate).
     */
    public static Target resolve(URI url, String model, String apiKey, TargetSpec spec, LoadPlan plan) {
        return new Target(url, model, apiKey == null || apiKey.isBlank() ? null : apiKey, timeout(spec),
                connections(spec, plan));
    }

    /** The spec's per-request timeout (default {@link TargetSpec#DEFAULT_TIMEOUT}). */
    public static Duration timeout(TargetSpec spec) {
        return Durations.parseOr(TargetSpec.orEmpty(spec).timeout(), TargetSpec.DEFAULT_TIMEOUT);
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

    /** Path prefix before /v1/... (for servers mounted under a sub-path), without trailing slash. */
    public String basePath() {
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The URL as reports show it: scheme, host, port and path only (no user-info, no query). */
    public String label() {
        return baseUri.getScheme() + "://" + baseUri.getHost() + ":" + port() + basePath();
    }

    @Override
    public String toString() {
        return "Target[" + label() + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
