package io.llmload.runner.compare;

import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.servermetrics.ServerReport;

/**
 * The server's prefix-cache hit rate from a report's {@code server} section, per stage and overall, as the report
 * derived it (hits / queries, in prompt tokens). Null when the server did not expose the counters or saw no queries.
 */
final class PrefixCacheHitRate {

    private final ServerReport server;

    private PrefixCacheHitRate(ServerReport server) {
        this.server = server;
    }

    static PrefixCacheHitRate of(Object serverSection) {
        return new PrefixCacheHitRate(serverSection == null ? null
                : ReportFiles.mapper().convertValue(serverSection, ServerReport.class));
    }

    Double stage(String name) {
        if (server == null || server.stages() == null) {
            return null;
        }
        return server.stages().stream().filter(s -> name.equals(s.name())).findFirst()
                .map(ServerReport.Stage::prefixCacheHitRate).orElse(null);
    }

    Double overall() {
        return server == null || server.overall() == null ? null : server.overall().prefixCacheHitRate();
    }
}
