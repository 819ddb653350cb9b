package io.llmload.runner.target;

import io.llmload.runner.spec.TargetSpec;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to talk to the target beyond its address: the API base path, TLS (a private CA, mutual TLS or
 * insecureSkipVerify), a proxy and extra headers. Resolved once per run from {@code spec.target} and the
 * environment; every client of the target — the load engine, model discovery, the scrape of the target's own
 * metrics — applies the same settings through {@link #applyTo} and {@link #headers()}.
 */
public final class TargetConnection {

    private final URI url;
    private final String apiBase;
    private final TlsMaterial tls;
    private final ProxySettings proxy;
    private final RequestHeaders headers;

    private TargetConnection(URI url, String apiBase, TlsMaterial tls, ProxySettings proxy, RequestHeaders headers) {
        this.url = url;
        this.apiBase = apiBase;
        this.tls = tls;
        this.proxy = proxy;
        this.headers = headers;
    }

    /**
     * @param env where {@code valueFromEnv}, Secret-backed headers and the proxy variables are read
     * @throws TargetSetupException naming the field when a file or variable is missing or unusable
     */
    public static TargetConnection resolve(URI url, TargetSpec spec, Map<String, String> env) {
        TargetSpec target = TargetSpec.orEmpty(spec);
        TlsMaterial tls = "https".equalsIgnoreCase(url.getScheme()) ? TlsMaterial.load(target.tls()) : null;
        return new TargetConnection(url, apiBase(url, target.basePath()), tls,
                ProxySettings.resolve(url, target.proxy(), env), RequestHeaders.resolve(target.headers(), env));
    }

    /** Plain defaults (the embedded simulator, tests): /v1 under the URL's path, no proxy, no extra headers. */
    public static TargetConnection plain(URI url) {
        return new TargetConnection(url, apiBase(url, null),
                "https".equalsIgnoreCase(url.getScheme()) ? TlsMaterial.load(null) : null, null, RequestHeaders.NONE);
    }

    /**
     * Where the API lives: {@code basePath} under the URL's path when given; else the URL's own path when it already
     * ends in {@code /v1} (as OpenAI clients' base URLs do), else {@code /v1} under it.
     */
    static String apiBase(URI url, String basePath) {
        String prefix = trimSlash(url.getRawPath() == null ? "" : url.getRawPath());
        if (basePath != null && !basePath.isBlank()) {
            return prefix + trimSlash(basePath.trim());
        }
        return prefix.endsWith("/v1") ? prefix : prefix + "/v1";
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The request path of an endpoint, e.g. {@code /v1} + {@code /chat/completions}. */
    public String path(String endpoint) {
        return apiBase + endpoint;
    }

    public String apiBase() {
        return apiBase;
    }

    public RequestHeaders headers() {
        return headers;
    }

    /** TLS and proxy on a Vert.x client of the target. */
    public void applyTo(HttpClientOptions options) {
        if (tls != null) {
            tls.applyTo(options);
        }
        if (proxy != null) {
            proxy.applyTo(options);
        }
    }

    /** Whether {@code other} is served by the target's host and port (then it gets the same TLS and headers). */
    public boolean sameServer(URI other) {
        return other != null && url.getHost() != null && url.getHost().equalsIgnoreCase(other.getHost())
                && port(url) == port(other) && url.getScheme().equalsIgnoreCase(other.getScheme());
    }

    public boolean insecureSkipVerify() {
        return tls != null && tls.insecureSkipVerify();
    }

    /** Masks every header value in {@code text} (error messages may quote what was sent). */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : headers.values()) {
            if (value.length() >= 4) {
                out = out.replace(value, "***");
            }
        }
        return out;
    }

    /** What the report says about the connection: never a header value, a key or proxy credentials. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("apiBase", apiBase);
        if (tls != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("verify", !tls.insecureSkipVerify());
            t.put("insecureSkipVerify", tls.insecureSkipVerify());
            t.put("caFile", tls.caFile());
            t.put("clientCertificate", tls.clientCertificate());
            d.put("tls", t);
        }
        if (proxy != null) {
            d.put("proxy", proxy.label());
        }
        List<String> names = headers.names();
        if (!names.isEmpty()) {
            d.put("headers", names);
        }
        return d;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "TargetConnection" + describe();
    }
}
