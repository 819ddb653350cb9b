package io.llmload.runner.report.chart;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.chart.Chart.Axis;
import io.llmload.runner.report.chart.Chart.Scale;
import io.llmload.runner.report.chart.Chart.Series;
import io.llmload.runner.report.chart.Chart.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Percentile-distribution curves read from the report's stored HdrHistograms (HdrHistogram's percentile iterator),
 * p50 to p99.99 on a log axis: one chart per latency with a curve per measured stage, and one with a curve per
 * request type when there are several — each beside the overall curve (warmup excluded) and the SLO lines.
 */
public final class PercentileCurves {

    /** Five points per halving of the distance to 100 %: about 60 points between p50 and p99.99. */
    static final int TICKS_PER_HALF_DISTANCE = 5;
    static final double FROM_PERCENTILE = 50;
    static final double TO_PERCENTILE = 99.99;

    private PercentileCurves() {
    }

    static List<Chart> of(Report report) {
        List<CellData> cells = report.histograms() == null ? List.of() : report.histograms();
        Set<String> measured = report.stages().stream().map(Aggregate::name).collect(Collectors.toSet());
        List<Optional<Chart>> charts = new ArrayList<>();
        for (Latencies latency : Latencies.values()) {
            ChartBuilder byStage = chart(latency.key + "-percentiles-stage", latency.title + " distribution by stage",
                    latency, report).sequential();
            for (Aggregate stage : report.stages()) {
                byStage.series(curve(stage.name(), merged(cells, latency, c -> c.stage().equals(stage.name())), false));
            }
            byStage.series(overall(cells, latency, measured, true));
            charts.add(byStage.build());
        }
        if (report.requestTypes() != null && report.requestTypes().size() > 1) {
            for (Latencies latency : Latencies.values()) {
                ChartBuilder byType = chart(latency.key + "-percentiles-type",
                        latency.title + " distribution by request type", latency, report);
                for (Aggregate type : report.requestTypes()) {
                    byType.series(curve(type.name(), merged(cells, latency,
                            c -> measured.contains(c.stage()) && c.requestType().equals(type.name())), false));
                }
                // Not a headline: compare.html overlays the overall curve once, from the by-stage chart.
                byType.series(overall(cells, latency, measured, false));
                charts.add(byType.build());
            }
        }
        return charts.stream().flatMap(Optional::stream).toList();
    }

    private static ChartBuilder chart(String id, String title, Latencies latency, Report report) {
        return ChartBuilder.chart(id, title).x(new Axis("percentile", "%", Scale.PERCENTILE))
                .y(latency.key.toUpperCase(), "ms").rules(SloRules.of(report, latency.key));
    }

    /**
     * The curve of one histogram (µs) in ms: the percentile iterator's levels from p50 to p99.99, each with the
     * value the histogram reports at that level. Empty when the histogram is.
     */
    public static Series curve(String label, Histogram micros, boolean headline) {
        return curve(label, micros, headline, null);
    }

    private static Series overall(List<CellData> cells, Latencies latency, Set<String> measured, boolean headline) {
        return curve("overall", merged(cells, latency, c -> measured.contains(c.stage())), headline, Chart.INK);
    }

    private static Series curve(String label, Histogram micros, boolean headline, Integer color) {
        List<Double> percentiles = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        double next = 0;
        if (micros.getTotalCount() > 0) {
            for (HistogramIterationValue v : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
                double p = v.getPercentileLevelIteratedTo();
                double ms = v.getValueIteratedTo() / 1000.0;
                if (p >= 100) {
                    // The iterator jumps to 100 % once it reaches the last recorded value; every level on the way
                    // has that value too (what getValueAtPercentile says), so the curve goes on to p99.99 with it.
                    for (; next <= TO_PERCENTILE; next = nextLevel(next)) {
                        add(percentiles, values, next, ms);
                    }
                    break;
                }
                add(percentiles, values, p, ms);
                next = nextLevel(p);
            }
        }
        return new Series(label, percentiles, values, Style.LINE, headline, color);
    }

    private static void add(List<Double> percentiles, List<Double> values, double p, double ms) {
        if (p >= FROM_PERCENTILE && p <= TO_PERCENTILE) {
            percentiles.add(p);
            values.add(ms);
        }
    }

    /** The level after {@code p} on the iterator's grid: the distance to 100 % halves every TICKS levels. */
    static double nextLevel(double p) {
        double halvings = Math.floor(Math.log(100 / (100 - p)) / Math.log(2));
        long ticks = TICKS_PER_HALF_DISTANCE * (long) Math.pow(2, halvings + 1);
        return p + 100.0 / ticks;
    }

    /** The cells' histograms of one latency merged (a cell without that histogram adds nothing). */
    static Histogram merged(List<CellData> cells, Latencies latency, Predicate<CellData> which) {
        Histogram sum = Histograms.create();
        for (CellData cell : cells) {
            String encoded = cell.histograms() == null ? null : cell.histograms().get(latency.key);
            if (encoded != null && which.test(cell)) {
                sum.add(Histograms.decode(encoded));
            }
        }
        return sum;
    }
}
