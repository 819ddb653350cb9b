package io.llmload.runner.engine;

import java.net.URI;
import java.time.Duration;

/**
 * The resolved endpoint: where to send, which model, the bearer token (never logged or reported: {@link #toString()}
 * hides it), the per-request timeout and the connection pool size.
 */
public record Target(URI baseUri, String model, String apiKey, Duration timeout, int maxConnections) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

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
