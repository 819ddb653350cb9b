package io.llmload.runner.report;

import io.llmload.runner.autoscaling.AutoscalingReport;
import io.llmload.runner.autoscaling.AutoscalingReport.TimelineSample;
import io.llmload.runner.autoscaling.ReplicaChanges;
import io.llmload.runner.autoscaling.ScalingEvent;
import io.llmload.runner.autoscaling.ScalingWindow;
import io.llmload.runner.report.html.Html;
import java.util.List;
import java.util.Locale;

/**
 * report.html's autoscaling section (spec.autoscaling): the summary sentence, the expectation rows, the scaling
 * events, the scale-up and steady windows, and the replica changes. Tables only; the data is report.json's
 * {@code autoscaling}.
 */
final class HtmlAutoscaling {

    private HtmlAutoscaling() {
    }

    /** Rows of slo[] this section shows (the generic SLO table leaves them out: they are not latencies). */
    static boolean ownsRow(SloResult row) {
        return row.scope().equals("autoscaling");
    }

    static void section(StringBuilder html, Report r) {
        if (r.autoscaling() == null) {
            return;
        }
        AutoscalingReport a = ReportFiles.mapper().convertValue(r.autoscaling(), AutoscalingReport.class);
        html.append("<h2>Autoscaling</h2><p>").append(Html.esc(a.summary())).append("</p><p><small>")
                .append(Html.esc(a.source())).append(": ").append(a.samples()).append(" readings")
                .append(a.failures() > 0 ? ", " + a.failures() + " failed" : "")
                .append("; times in seconds from the start, each precise to one reading.</small></p>");
        expectations(html, r.slo());
        events(html, a.events());
        windows(html, a.windows());
        changes(html, ReplicaChanges.of(a.timeline()));
    }

    private static void expectations(StringBuilder html, List<SloResult> slo) {
        List<SloResult> rows = slo.stream().filter(HtmlAutoscaling::ownsRow).toList();
        if (rows.isEmpty()) {
            return;
        }
        html.append("<table><tr><th>expectation</th><th>target</th><th></th><th>what happened</th></tr>");
        for (SloResult s : rows) {
            html.append("<tr><td>").append(Html.esc(s.metric())).append("</td><td>")
                    .append(Html.esc(s.target())).append("</td><td class=\"")
                    .append(s.met() ? "Pass\">met" : "Breach\">missed").append("</td><td>")
                    .append(Html.esc(s.detail() == null ? "" : s.detail())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void events(StringBuilder html, List<ScalingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        html.append("<h3>Scaling events</h3><table><tr><th></th><th>replicas</th><th>stage</th><th>load changed</th>")
                .append("<th>decided</th><th>first Ready</th><th>done</th><th>decision s</th><th>provisioning s</th>")
                .append("<th>total s</th><th>latency</th></tr>");
        for (ScalingEvent e : events) {
            html.append("<tr><td>").append(e.direction()).append("</td><td>").append(e.from()).append(" → ")
                    .append(e.to()).append("</td><td>").append(Html.esc(e.stage())).append("</td>");
            for (Double v : new Double[] { e.loadChangedAtSeconds(), e.decidedAtSeconds(), e.firstReadyAtSeconds(),
                e.completedAtSeconds(), e.decisionSeconds(), e.provisioningSeconds(), e.totalSeconds() }) {
                html.append("<td>").append(seconds(v)).append("</td>");
            }
            String latency = e.latency() == null ? "-" : e.latency().degradedAtSeconds() == null
                    ? e.latency().metric() + " Normal"
                    : e.latency().metric() + " " + e.latency().worstTier() + " for " + seconds(e.latency()
                            .degradedSeconds()) + " s" + (e.latency().recoveredAtSeconds() == null ? ", not recovered"
                                    : "");
            html.append("<td>").append(Html.esc(latency)).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void windows(StringBuilder html, List<ScalingWindow> windows) {
        html.append("<h3>Windows</h3><table><tr><th>window</th><th>spans (s)</th><th>requests</th><th>TTFT p95</th>")
                .append("<th>E2E p99</th><th>error rate</th><th>tier</th></tr>");
        for (ScalingWindow w : windows) {
            StringBuilder spans = new StringBuilder();
            w.spans().forEach(s -> spans.append(spans.length() == 0 ? "" : ", ").append(seconds(s.fromSeconds()))
                    .append("–").append(seconds(s.toSeconds())));
            Aggregate a = w.results();
            html.append("<tr><td>").append(Html.esc(w.name())).append("</td><td>").append(spans).append("</td>");
            if (a == null) {
                html.append("<td>0</td><td>-</td><td>-</td><td>-</td><td>-</td></tr>");
                continue;
            }
            html.append("<td>").append(a.requests()).append("</td><td>")
                    .append(a.ttftMs() == null ? "-" : HtmlReport.fmt(a.ttftMs().p95()) + " ms").append("</td><td>")
                    .append(a.e2eMs() == null ? "-" : HtmlReport.fmt(a.e2eMs().p99()) + " ms").append("</td><td>")
                    .append(HtmlReport.fmt(a.errorRate() * 100)).append("%</td><td class=\"").append(a.tier())
                    .append("\">").append(a.tier()).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void changes(StringBuilder html, List<TimelineSample> changes) {
        if (changes.isEmpty()) {
            return;
        }
        html.append("<h3>Replica changes</h3><table><tr><th>s</th><th>stage</th><th>desired</th><th>Ready</th></tr>");
        for (TimelineSample s : changes) {
            html.append("<tr><td>").append(seconds(s.offsetSeconds())).append("</td><td>")
                    .append(Html.esc(s.stage() == null ? "" : s.stage())).append("</td><td>")
                    .append(s.desired() == null ? "?" : s.desired()).append("</td><td>")
                    .append(s.ready() == null ? "?" : s.ready()).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static String seconds(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
