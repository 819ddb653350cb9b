package io.llmload.runner.report.chart;

import io.llmload.runner.report.chart.Chart.Marker;
import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.RuleKind;
import io.llmload.runner.report.chart.Chart.Series;
import io.llmload.runner.report.chart.Chart.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * compare.html's charts: two runs' versions of the same chart drawn as one — each run's headline series (p95 of a
 * latency, the overall percentile curve, req/s...), run A dashed and run B solid, with both runs' SLO lines (once
 * when equal) and capacity points. Time-series charts are shaded with B's stages. A chart only one run has is drawn
 * with that run's series alone.
 */
public final class ChartOverlay {

    static final String NOTE = "Run A dashed, run B solid.";

    private ChartOverlay() {
    }

    /** The sections of both runs, chart by chart (matched by id), in B's order, then what only A has. */
    public static List<ChartSection> of(List<ChartSection> a, List<ChartSection> b) {
        Map<String, ChartSection> sectionsA = byId(a);
        Map<String, ChartSection> sectionsB = byId(b);
        Map<String, ChartSection> all = new LinkedHashMap<>(sectionsB);
        sectionsA.forEach(all::putIfAbsent);
        List<ChartSection> overlaid = new ArrayList<>();
        for (ChartSection section : all.values()) {
            Map<String, Chart> chartsA = charts(sectionsA.get(section.id()));
            Map<String, Chart> chartsB = charts(sectionsB.get(section.id()));
            Map<String, Chart> ids = new LinkedHashMap<>(chartsB);
            chartsA.forEach(ids::putIfAbsent);
            List<Chart> charts = new ArrayList<>();
            for (String id : ids.keySet()) {
                overlay(chartsA.get(id), chartsB.get(id)).ifPresent(charts::add);
            }
            if (!charts.isEmpty()) {
                overlaid.add(new ChartSection(section.id(), section.title(), section.intro(), charts));
            }
        }
        return overlaid;
    }

    /** One chart from A's and B's (either may be null); empty when neither has a headline series. */
    static Optional<Chart> overlay(Chart a, Chart b) {
        List<Series> series = new ArrayList<>();
        series.addAll(headlines(a, "A", 0));
        series.addAll(headlines(b, "B", 1));
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>();
        if (a == null || b == null) {
            // One run's chart only: its lines need no owner, but a capacity point still says whose it is.
            String run = a == null ? "B" : "A";
            base(a, b).rules().forEach(r -> rules.add(perRun(r) ? labelled(r, run) : r));
        } else {
            // A line both runs share (the same SLO target) is drawn once; the others say whose they are.
            a.rules().forEach(r -> rules.add(b.rules().contains(r) && !perRun(r) ? r : labelled(r, "A")));
            b.rules().stream().filter(r -> !a.rules().contains(r) || perRun(r))
                    .forEach(r -> rules.add(labelled(r, "B")));
        }
        List<Marker> markers = new ArrayList<>();
        markers.addAll(markers(a, "A"));
        markers.addAll(markers(b, "B"));
        Chart base = base(a, b);
        String note = base.bands().isEmpty() ? NOTE : NOTE + " Stages shaded as in " + (b != null ? "B." : "A.");
        return Optional.of(base.with(base.id(), base.title(), note, series, rules, markers));
    }

    /** A run's headline series: A's dashed, B's as drawn in its report; A's in even colors, B's in odd ones. */
    private static List<Series> headlines(Chart chart, String run, int side) {
        if (chart == null) {
            return List.of();
        }
        List<Series> headlines = chart.series().stream().filter(Series::headline).toList();
        List<Series> restyled = new ArrayList<>();
        for (int i = 0; i < headlines.size(); i++) {
            Series s = headlines.get(i);
            restyled.add(s.restyled(run + " " + s.label(), side == 0 ? Style.DASHED : s.style(), 2 * i + side));
        }
        return restyled;
    }

    private static Chart base(Chart a, Chart b) {
        return b != null ? b : a;
    }

    private static boolean perRun(Rule rule) {
        return rule.kind() == RuleKind.CAPACITY || rule.kind() == RuleKind.SATURATION;
    }

    private static Rule labelled(Rule rule, String run) {
        return new Rule(rule.axis(), rule.value(), run + " " + rule.label(), rule.kind());
    }

    /** A run's markers (p95 at its capacity), named by the run alone: both runs' often sit on the same point. */
    private static List<Marker> markers(Chart chart, String run) {
        return chart == null ? List.of()
                : chart.markers().stream().map(m -> new Marker(m.x(), m.y(), run)).toList();
    }

    private static Map<String, ChartSection> byId(List<ChartSection> sections) {
        Map<String, ChartSection> map = new LinkedHashMap<>();
        sections.forEach(s -> map.put(s.id(), s));
        return map;
    }

    private static Map<String, Chart> charts(ChartSection section) {
        Map<String, Chart> map = new LinkedHashMap<>();
        if (section != null) {
            section.charts().forEach(c -> map.put(c.id(), c));
        }
        return map;
    }
}
