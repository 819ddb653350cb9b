package io.llmload.runner.report.chart;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.RuleKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The SLO targets of one latency (ttft, itl, tpot, e2e) as horizontal lines, e.g. "SLO p95 ≤ 500ms". */
final class SloRules {

    private SloRules() {
    }

    static List<Rule> of(Report report, String metric) {
        List<Rule> rules = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SloResult result : report.slo() == null ? List.<SloResult>of() : report.slo()) {
            // Every scope repeats the same targets: one line per target.
            if (result.metric().startsWith(metric + " ") && seen.add(result.metric())) {
                String percentile = result.metric().substring(metric.length() + 1);
                rules.add(Rule.horizontal(result.targetValue(), "SLO " + percentile + " \u2264 " + result.target(),
                        RuleKind.SLO));
            }
        }
        return rules;
    }
}
