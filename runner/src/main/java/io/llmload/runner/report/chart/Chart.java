package io.llmload.runner.report.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One chart of report.html or compare.html, as data: the page embeds it as JSON and {@code charts.js} draws it with
 * uPlot. Series carry their own x values (uPlot's join aligns them); a null y is a gap. Bands shade x ranges (the
 * stages, warmup), rules are horizontal or vertical lines (SLO targets, alert thresholds, the capacity point),
 * markers label single points. {@code sequential} colors the series along a blue-to-red scale in their order (one
 * curve per stage: the load rises along it) instead of distinct colors.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Chart(String id, String title, String note, Axis x, Axis y, List<Series> series, List<Band> bands,
        List<Rule> rules, List<Marker> markers, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sequential) {

    /** The palette's dark ink (charts.js): the overall curve beside per-stage ones. Others take colors in order. */
    public static final int INK = 10;

    /** The same chart under another id and title, with other series and rules (compare.html's overlays). */
    public Chart with(String newId, String newTitle, String newNote, List<Series> newSeries, List<Rule> newRules,
            List<Marker> newMarkers) {
        return new Chart(newId, newTitle, newNote, x, y, newSeries, bands, newRules, newMarkers, false);
    }

    /** How values on an axis are laid out. */
    public enum Scale {
        /** Linear values (time since the start, load level, latency). */
        LINEAR,
        /** Percentiles 50..99.99, drawn on a log scale of 1 / (1 − p) so the tail gets room. */
        PERCENTILE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An axis: its label and the unit its values and hover readings are shown in (ms, req/s, %...). */
    public record Axis(String label, String unit, Scale scale) {

        public static Axis linear(String label, String unit) {
            return new Axis(label, unit, Scale.LINEAR);
        }
    }

    /** How a series is drawn. */
    public enum Style {
        LINE, DASHED, POINTS;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One line. {@code headline} marks the series compare.html overlays (p95 of a latency, the overall curve);
     * {@code color} is an index into the page's palette (by position when absent).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String label, List<Double> x, List<Double> y, Style style, boolean headline, Integer color) {

        /** Points with a value; a chart whose series have none is not drawn. */
        public long points() {
            return y.stream().filter(v -> v != null).count();
        }

        public Series restyled(String newLabel, Style newStyle, Integer newColor) {
            return new Series(newLabel, x, y, newStyle, headline, newColor);
        }
    }

    /** A shaded x range: a stage (warmup greyed). */
    public record Band(double from, double to, String label, boolean warmup) {
    }

    /** What a rule marks; the page styles each kind. */
    public enum RuleKind {
        SLO, ALERT, CAPACITY, SATURATION;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A horizontal ({@code axis} y) or vertical ({@code axis} x) line at a value, with its label. */
    public record Rule(String axis, double value, String label, RuleKind kind) {

        public static Rule horizontal(double value, String label, RuleKind kind) {
            return new Rule("y", value, label, kind);
        }

        public static Rule vertical(double value, String label, RuleKind kind) {
            return new Rule("x", value, label, kind);
        }
    }

    /** A labelled point (the capacity stage on a latency-vs-load curve). */
    public record Marker(double x, double y, String label) {
    }
}
