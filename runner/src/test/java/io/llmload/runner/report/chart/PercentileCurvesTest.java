package io.llmload.runner.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.chart.Chart.Series;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurvesTest {

    @Test
    void everyPointIsTheHistogramsValueAtItsPercentileFromP50ToP9999() {
        Histogram h = Histograms.create();
        for (int ms = 1; ms <= 100_000; ms++) {
            h.recordValue(ms * 10L); // 10 µs .. 1 s
        }
        Series curve = PercentileCurves.curve("all", h, true);

        assertThat(curve.x()).hasSizeGreaterThan(50);
        assertThat(curve.y()).isSorted();
        assertEveryPointIsTheHistograms(curve, h);
        // Known answers on this uniform distribution: the median 500 ms, p99.06 990.6 ms (3 significant digits).
        assertThat(curve.y().get(0)).isEqualTo(h.getValueAtPercentile(50) / 1000.0).isBetween(499.0, 501.0);
        // The iterator's grid halves the distance to 100 % every 5 levels: 99.0625 is the first level past p99.
        assertThat(curve.y().get(curve.x().indexOf(99.0625))).isBetween(990.0, 991.5);
    }

    @Test
    void anEmptyHistogramHasNoCurveAndTheTailGoesOnAtTheLastValue() {
        assertThat(PercentileCurves.curve("none", Histograms.create(), false).points()).isZero();
        // Ten samples 1..10 ms: the iterator jumps to 100 % at the last one; the curve carries it on to p99.99.
        Histogram few = Histograms.create();
        for (int i = 1; i <= 10; i++) {
            few.recordValue(i * 1000L);
        }
        assertEveryPointIsTheHistograms(PercentileCurves.curve("few", few, false), few);
        // One value only: a flat curve from p50 to p99.99.
        Histogram flat = Histograms.create();
        flat.recordValueWithCount(10_000, 500);
        Series curve = PercentileCurves.curve("flat", flat, false);
        assertEveryPointIsTheHistograms(curve, flat);
        assertThat(curve.y()).containsOnly(flat.getValueAtPercentile(50) / 1000.0);
    }

    private static void assertEveryPointIsTheHistograms(Series curve, Histogram h) {
        assertThat(curve.x().get(0)).isEqualTo(50.0);
        assertThat(curve.x().get(curve.x().size() - 1)).isBetween(99.98, 99.99);
        assertThat(curve.x()).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < curve.x().size(); i++) {
            double percentile = curve.x().get(i);
            assertThat(curve.y().get(i)).as("p%s", percentile)
                    .isEqualTo(h.getValueAtPercentile(percentile) / 1000.0);
        }
    }

    @Test
    void byStageChartsHaveACurvePerMeasuredStageAndTheOverallOneFromTheStoredHistograms() {
        Report report = ChartedRun.report();
        List<Chart> charts = PercentileCurves.of(report);
        Chart ttft = charts.stream().filter(c -> c.id().equals("ttft-percentiles-stage")).findFirst().orElseThrow();

        assertThat(ttft.series()).extracting(Series::label).containsExactly("light", "heavy", "overall");
        Series overall = ttft.series().get(2);
        assertThat(overall.headline()).isTrue();
        assertThat(overall.color()).isEqualTo(Chart.INK);
        // The overall curve is the merge of the measured stages' cells (warmup left out).
        Histogram measured = Histograms.create();
        for (CellData cell : report.histograms()) {
            if (Set.of("light", "heavy").contains(cell.stage())) {
                measured.add(Histograms.decode(cell.histograms().get("ttft")));
            }
        }
        for (int i = 0; i < overall.x().size(); i++) {
            assertThat(overall.y().get(i)).isEqualTo(measured.getValueAtPercentile(overall.x().get(i)) / 1000.0);
        }
        assertThat(ttft.rules()).extracting(Chart.Rule::label).containsExactly("SLO p95 \u2264 500ms");
        assertThat(ttft.x().scale()).isEqualTo(Chart.Scale.PERCENTILE);

        assertThat(charts).extracting(Chart::id).containsExactly("ttft-percentiles-stage", "itl-percentiles-stage",
                "e2e-percentiles-stage", "ttft-percentiles-type", "itl-percentiles-type", "e2e-percentiles-type");
        Chart byType = charts.get(3);
        assertThat(byType.series()).extracting(Series::label).containsExactly("chat", "rag", "overall");
        assertThat(byType.series()).noneMatch(Series::headline);
    }
}
