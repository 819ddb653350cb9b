package io.llmload.runner.spec;

import java.util.List;
import java.util.Locale;

/** spec.workload.mix[i].rerank: only for api rerank or score, with sane document counts and lengths. */
final class RerankChecks extends Checks {

    private RerankChecks() {
    }

    static List<Violation> check(String at, RequestTypeSpec type) {
        RerankChecks checks = new RerankChecks();
        String api = type.api().toLowerCase(Locale.ROOT);
        boolean scores = api.equals("rerank") || api.equals("score");
        RerankSpec rerank = type.rerank();
        if (rerank != null && !scores) {
            checks.add(at + ".rerank", "only api: rerank or score requests have documents");
        }
        if (scores) {
            if (type.output() != null) {
                checks.add(at + ".output", api + " requests generate no text: remove output");
            }
            if (rerank != null) {
                if (rerank.documents() != null && (rerank.documents() < 1 || rerank.documents() > 1000)) {
                    checks.add(at + ".rerank.documents", "must be between 1 and 1000");
                }
                if (rerank.documentTokens() != null) {
                    checks.distribution(at + ".rerank.documentTokens", rerank.documentTokens());
                }
                if (rerank.topN() != null && (!api.equals("rerank") || rerank.topN() < 1)) {
                    checks.add(at + ".rerank.topN", api.equals("rerank") ? "must be at least 1"
                            : "only rerank requests have top_n");
                }
            }
        }
        return checks.violations;
    }
}
