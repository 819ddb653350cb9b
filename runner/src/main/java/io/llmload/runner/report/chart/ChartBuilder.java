package io.llmload.runner.report.chart;

import io.llmload.runner.report.chart.Chart.Axis;
import io.llmload.runner.report.chart.Chart.Band;
import io.llmload.runner.report.chart.Chart.Marker;
import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.Series;
import io.llmload.runner.report.chart.Chart.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Builds a {@link Chart}; adding a series is one call, e.g. {@code .series("p95", timeline,
 * TimelinePoint::offsetSeconds, p -> p.ttftMs() == null ? null : p.ttftMs().p95())}. Series without a single value
 * are dropped, and {@link #build()} yields nothing when no series is left, so a report without some data simply
 * has no chart for it.
 */
public final class ChartBuilder {

    private final String id;
    private final String title;
    private String note;
    private Axis x = Axis.linear("time since start", "s");
    private Axis y = Axis.linear("", "");
    private final List<Series> series = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean sequential;

    private ChartBuilder(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public static ChartBuilder chart(String id, String title) {
        return new ChartBuilder(id, title);
    }

    /** Colors along a scale in series order, for a series per stage (see {@link Chart#sequential()}). */
    public ChartBuilder sequential() {
        this.sequential = true;
        return this;
    }

    public ChartBuilder note(String text) {
        this.note = text;
        return this;
    }

    public ChartBuilder x(Axis axis) {
        this.x = axis;
        return this;
    }

    public ChartBuilder y(String label, String unit) {
        this.y = Axis.linear(label, unit);
        return this;
    }

    /** A line through one value per item; a null value is a gap. */
    public <T> ChartBuilder series(String label, List<T> items, ToDoubleFunction<T> xOf, Function<T, Double> yOf) {
        return series(label, items, xOf, yOf, Style.LINE, false);
    }

    /** The series compare.html overlays for this chart. */
    public <T> ChartBuilder headline(String label, List<T> items, ToDoubleFunction<T> xOf, Function<T, Double> yOf) {
        return series(label, items, xOf, yOf, Style.LINE, true);
    }

    public <T> ChartBuilder series(String label, List<T> items, ToDoubleFunction<T> xOf, Function<T, Double> yOf,
            Style style, boolean headline) {
        List<Double> xs = new ArrayList<>(items.size());
        List<Double> ys = new ArrayList<>(items.size());
        for (T item : items) {
            Double value = yOf.apply(item);
            xs.add(round(xOf.applyAsDouble(item)));
            ys.add(value == null || value.isNaN() || value.isInfinite() ? null : round(value));
        }
        return series(new Series(label, xs, ys, style, headline, null));
    }

    public ChartBuilder series(Series s) {
        if (s.points() > 0) {
            series.add(s);
        }
        return this;
    }

    public ChartBuilder bands(List<Band> stageBands) {
        bands.addAll(stageBands);
        return this;
    }

    public ChartBuilder rule(Rule rule) {
        rules.add(rule);
        return this;
    }

    public ChartBuilder rules(List<Rule> more) {
        rules.addAll(more);
        return this;
    }

    public ChartBuilder marker(Marker marker) {
        markers.add(marker);
        return this;
    }

    public Optional<Chart> build() {
        if (series.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Chart(id, title, note, x, y, List.copyOf(series), List.copyOf(bands),
                List.copyOf(rules), List.copyOf(markers), sequential));
    }

    /** Four significant decimals are plenty on a chart and keep the embedded JSON small. */
    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
