package io.llmload.runner.servermetrics;

import io.llmload.runner.target.TargetConnection;
import java.net.URI;
import java.util.List;

/**
 * One thing to scrape: a server, a pod or a DCGM exporter. {@code candidates} are URLs in order of preference (a
 * target's {@code /metrics}, then NIM's {@code /v1/metrics}): the first that serves known server metrics is kept
 * for the rest of the run.
 *
 * @param name stable name (pod name, "target", "dcgm"), also a label on its samples so series of different
 *     endpoints never merge
 * @param connection the target's TLS, proxy and headers when this endpoint is the target's own server (null: a
 *     plain request)
 */
public record ScrapeEndpoint(String name, List<URI> candidates, TargetConnection connection) {

    public ScrapeEndpoint {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("an endpoint needs at least one URL");
        }
    }

    public ScrapeEndpoint(String name, List<URI> candidates) {
        this(name, candidates, null);
    }

    public static ScrapeEndpoint of(String name, URI url) {
        return new ScrapeEndpoint(name, List.of(url));
    }
}
