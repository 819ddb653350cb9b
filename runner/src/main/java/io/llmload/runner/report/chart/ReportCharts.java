package io.llmload.runner.report.chart;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.chart.Chart.Band;
import java.util.ArrayList;
import java.util.List;

/**
 * Every chart of a report, by section. Over time: the client's series ({@link TimeCharts}), then the server's
 * ({@link ServerCharts}); a new optional source (replicas of an autoscaling run, say) adds its charts to that list
 * with the same stage bands. Sections without a chart are left out.
 */
public final class ReportCharts {

    private ReportCharts() {
    }

    public static List<ChartSection> of(Report report) {
        List<Band> bands = StageBands.of(report);
        List<Chart> overTime = new ArrayList<>(TimeCharts.of(report, bands));
        overTime.addAll(ServerCharts.of(report, bands));
        List<ChartSection> sections = new ArrayList<>();
        add(sections, new ChartSection("over-time", "Over time", "One point per interval (about a second) of what "
                + "completed in it; stages shaded, warmup greyed (excluded from every result), SLO targets dashed. "
                + "Hover for values; click a legend entry to hide its series.", overTime));
        add(sections, new ChartSection("distribution", "Latency distribution", "Percentile curves from the stored "
                + "HdrHistograms of whole stages (warmup excluded): how far the tail reaches beyond the median.",
                PercentileCurves.of(report)));
        add(sections, new ChartSection("load", "Latency vs load", "Whole-stage percentiles against the stage's load "
                + "level, with the SLO targets, the capacity (highest level at SLO) and the saturation point.",
                LoadCharts.of(report)));
        return sections;
    }

    private static void add(List<ChartSection> sections, ChartSection section) {
        if (!section.charts().isEmpty()) {
            sections.add(section);
        }
    }
}
