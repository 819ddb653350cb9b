package io.llmload.runner.compare;

import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.servermetrics.ServerReport;
import java.util.List;

/**
 * The server's prefix-cache hit rate (hits / queries, both in prompt tokens) from a report's {@code server} section:
 * per stage, or over all measured stages. Null when the server did not expose the counters or saw no queries.
 */
final class PrefixCacheHitRate {

    private static final String HITS = "prefixCacheHits";
    private static final String QUERIES = "prefixCacheQueries";

    private final List<ServerReport.Stage> stages;

    private PrefixCacheHitRate(List<ServerReport.Stage> stages) {
        this.stages = stages;
    }

    static PrefixCacheHitRate of(Object serverSection) {
        ServerReport server = serverSection == null ? null
                : ReportFiles.mapper().convertValue(serverSection, ServerReport.class);
        return new PrefixCacheHitRate(server == null || server.stages() == null ? List.of() : server.stages());
    }

    Double stage(String name) {
        return rate(stages.stream().filter(s -> name.equals(s.name())).toList());
    }

    Double overall() {
        return rate(stages);
    }

    private static Double rate(List<ServerReport.Stage> of) {
        double hits = 0;
        double queries = 0;
        boolean seen = false;
        for (ServerReport.Stage s : of) {
            ServerReport.Summary h = s.metrics().get(HITS);
            ServerReport.Summary q = s.metrics().get(QUERIES);
            if (h != null && q != null && h.increase() != null && q.increase() != null) {
                hits += h.increase();
                queries += q.increase();
                seen = true;
            }
        }
        return seen && queries > 0 ? Math.round(hits / queries * 1_000_000) / 1_000_000.0 : null;
    }
}
