package io.llmload.runner.cli;

import io.llmload.runner.autoscaling.AutoscalingReport;
import io.llmload.runner.autoscaling.AutoscalingReport.TimelineSample;
import io.llmload.runner.autoscaling.HumanTime;
import io.llmload.runner.autoscaling.ReplicaChanges;
import io.llmload.runner.autoscaling.ScalingWindow;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.SloResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's autoscaling block: the summary sentence, the replica changes, the scale-up and steady windows, and
 * one line per expectation (scope autoscaling of slo[]).
 */
final class AutoscalingLines {

    /** Replica changes shown at most; the full timeline is in report.json. */
    private static final int MAX_CHANGES = 12;
    private static final String[] TIERS = { "Normal", "Degraded", "Breach" };

    private AutoscalingLines() {
    }

    static void print(Report report, PrintWriter out) {
        if (report.autoscaling() == null) {
            return;
        }
        AutoscalingReport a = ReportFiles.mapper().convertValue(report.autoscaling(), AutoscalingReport.class);
        out.println();
        out.println("Autoscaling (" + a.source() + ": " + a.samples() + " readings"
                + (a.failures() > 0 ? ", " + a.failures() + " failed" : "") + ")");
        out.println("  " + a.summary());
        String changes = changes(a.timeline());
        if (!changes.isEmpty()) {
            out.println("  Replicas (desired/Ready): " + changes);
        }
        List<String> windows = new ArrayList<>();
        for (ScalingWindow w : a.windows()) {
            windows.add(window(w));
        }
        if (!windows.isEmpty()) {
            out.println("  Windows: " + String.join("; ", windows));
        }
        for (SloResult r : report.slo()) {
            if (r.scope().equals("autoscaling")) {
                out.printf(Locale.ROOT, "  %-6s %-16s %-10s observed %-8s %s%n", r.met() ? "met" : "MISSED",
                        r.metric(), r.target(), observed(r), r.detail() == null ? "" : "- " + r.detail());
            }
        }
    }

    /** "0.0 s 1/1 → 24 s 3/1 → 35 s 3/3": the readings where desired or Ready changed. */
    static String changes(List<TimelineSample> timeline) {
        List<String> parts = new ArrayList<>();
        for (TimelineSample s : ReplicaChanges.of(timeline)) {
            parts.add(HumanTime.of(Math.max(0, s.offsetSeconds())) + " " + text(s.desired()) + "/" + text(s.ready()));
        }
        if (parts.size() > MAX_CHANGES) {
            List<String> shown = new ArrayList<>(parts.subList(0, MAX_CHANGES - 1));
            shown.add("… " + parts.get(parts.size() - 1));
            parts = shown;
        }
        return String.join(" → ", parts);
    }

    private static String window(ScalingWindow w) {
        String spans = w.kind().equals(ScalingWindow.SCALE_UP) && w.spans().size() == 1
                ? " " + HumanTime.of(w.spans().get(0).fromSeconds()) + "–" + HumanTime.of(w.spans().get(0).toSeconds())
                : "";
        if (w.results() == null) {
            return w.name() + spans + " no requests";
        }
        Percentiles ttft = w.results().ttftMs();
        return w.name() + spans + " " + w.results().tier()
                + (ttft == null ? "" : String.format(Locale.ROOT, " (TTFT p95 %.0f ms)", ttft.p95()));
    }

    private static String observed(SloResult r) {
        if (r.observed() == null) {
            return "-";
        }
        switch (r.metric()) {
            case "scaleUpWithin", "scaleDownWithin":
                return HumanTime.of(r.observed());
            case "sloDuringScaleUp":
                return TIERS[(int) Math.round(r.observed())];
            default:
                return String.valueOf(Math.round(r.observed()));
        }
    }

    private static String text(Integer value) {
        return value == null ? "?" : value.toString();
    }
}
