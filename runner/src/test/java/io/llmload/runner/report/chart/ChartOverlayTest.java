package io.llmload.runner.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.RuleKind;
import io.llmload.runner.report.chart.Chart.Series;
import io.llmload.runner.report.chart.Chart.Style;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartOverlayTest {

    private static Chart chart(String id, double p95, List<Rule> rules) {
        List<Double> t = List.of(1.0, 2.0);
        return ChartBuilder.chart(id, "TTFT").series("p50", t, x -> x, x -> 10.0)
                .headline("p95", t, x -> x, x -> p95).rules(rules).build().orElseThrow();
    }

    @Test
    void overlaysEachRunsHeadlineSeriesADashedBSolidAndSharedLinesOnce() {
        Rule slo = Rule.horizontal(500, "SLO p95 \u2264 500ms", RuleKind.SLO);
        Chart a = chart("ttft-time", 100, List.of(slo, Rule.vertical(4, "capacity 4 users", RuleKind.CAPACITY)));
        Chart b = chart("ttft-time", 80, List.of(slo, Rule.horizontal(300, "SLO p99 \u2264 300ms", RuleKind.SLO)));

        Chart both = ChartOverlay.overlay(a, b).orElseThrow();

        assertThat(both.series()).extracting(Series::label).containsExactly("A p95", "B p95");
        assertThat(both.series()).extracting(Series::style).containsExactly(Style.DASHED, Style.LINE);
        assertThat(both.series()).extracting(Series::color).containsExactly(0, 1);
        assertThat(both.series().get(1).y()).containsExactly(80.0, 80.0);
        assertThat(both.rules()).extracting(Rule::label).containsExactly("SLO p95 \u2264 500ms",
                "A capacity 4 users", "B SLO p99 \u2264 300ms");
        assertThat(both.note()).startsWith(ChartOverlay.NOTE);
    }

    @Test
    void aChartOfOneRunOnlyKeepsItsSeriesAndSectionsMatchById() {
        Chart b = chart("itl-time", 30, List.of(Rule.horizontal(50, "SLO p95 \u2264 50ms", RuleKind.SLO)));
        Chart onlyB = ChartOverlay.overlay(null, b).orElseThrow();
        assertThat(onlyB.series()).extracting(Series::label).containsExactly("B p95");
        assertThat(onlyB.rules()).extracting(Rule::label).containsExactly("SLO p95 \u2264 50ms");

        List<ChartSection> sections = ChartOverlay.of(
                List.of(new ChartSection("over-time", "Over time", "", List.of(chart("ttft-time", 1, List.of())))),
                List.of(new ChartSection("over-time", "Over time", "", List.of(chart("ttft-time", 2, List.of()), b))));
        assertThat(sections).hasSize(1);
        assertThat(sections.get(0).charts()).extracting(Chart::id).containsExactly("ttft-time", "itl-time");
    }
}
