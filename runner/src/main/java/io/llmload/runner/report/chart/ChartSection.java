package io.llmload.runner.report.chart;

import java.util.List;

/** A titled group of charts on the page ("Over time", "Latency distribution", "Latency vs load"). */
public record ChartSection(String id, String title, String intro, List<Chart> charts) {
}
