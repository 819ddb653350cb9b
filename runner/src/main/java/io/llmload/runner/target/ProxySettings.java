package io.llmload.runner.target;

import io.llmload.runner.spec.ProxySpec;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the target is reached through an HTTP proxy, decided once (a run talks to one host): {@code spec.proxy},
 * else the conventional environment variables — {@code HTTPS_PROXY} for https targets, {@code HTTP_PROXY} for http
 * ones, upper or lower case — minus the hosts {@code NO_PROXY} lists ({@link NoProxy}). As Go's and curl's clients
 * do with the environment, a loopback target is never proxied; an explicit {@code spec.proxy} applies to every host.
 * Proxy credentials (user-info of the proxy URL) are used but never shown.
 */
public record ProxySettings(String host, int port, String username, String password, String origin) {

    /** The proxy to use for {@code target}, or null for a direct connection. */
    public static ProxySettings resolve(URI target, ProxySpec spec, Map<String, String> env) {
        String host = target.getHost();
        if (spec != null && Boolean.TRUE.equals(spec.disabled())) {
            return null;
        }
        if (spec != null && spec.url() != null && !spec.url().isBlank()) {
            if (NoProxy.parse(spec.noProxy()).matches(host)) {
                return null;
            }
            return parse(spec.url(), "spec.target.proxy.url");
        }
        boolean https = "https".equalsIgnoreCase(target.getScheme());
        String variable = https ? "HTTPS_PROXY" : "HTTP_PROXY";
        String url = firstSet(env, variable, variable.toLowerCase(Locale.ROOT));
        if (url == null || NoProxy.isLoopback(host)) {
            return null;
        }
        String noProxy = firstSet(env, "NO_PROXY", "no_proxy");
        if (noProxy != null && NoProxy.parse(List.of(noProxy.split(","))).matches(host)) {
            return null;
        }
        return parse(url, variable);
    }

    /** The proxy on a Vert.x client. */
    public void applyTo(HttpClientOptions options) {
        ProxyOptions proxy = new ProxyOptions().setType(ProxyType.HTTP).setHost(host).setPort(port);
        if (username != null) {
            proxy.setUsername(username).setPassword(password == null ? "" : password);
        }
        options.setProxyOptions(proxy);
    }

    /** As reports show it: host:port and where it came from, never credentials. */
    public String label() {
        return host + ":" + port + " (" + origin + ")";
    }

    @Override
    public String toString() {
        return "ProxySettings[" + label() + "]";
    }

    private static ProxySettings parse(String url, String origin) {
        String text = url.trim();
        if (!text.contains("://")) {
            text = "http://" + text; // "proxy:3128", as curl accepts it
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new TargetSetupException(origin + ": not a proxy URL (expected http://host:port)");
        }
        if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new TargetSetupException(origin + ": not a proxy URL (expected http://host:port)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        return new ProxySettings(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, user, password, origin);
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
