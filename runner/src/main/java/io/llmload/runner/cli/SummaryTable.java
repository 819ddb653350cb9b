package io.llmload.runner.cli;

import static io.llmload.runner.report.TextFigures.ms;
import static io.llmload.runner.report.TextFigures.pct;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.CostFigures;
import io.llmload.runner.report.EngineReport;
import io.llmload.runner.report.ErrorCounts;
import io.llmload.runner.report.InterruptedNote;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.RetryReport;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.report.UserRequestFigures;
import io.llmload.runner.report.UserRequestReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a report as the console summary: one row per stage and request type (with goodput and E2E health band),
 * one line per composite request type's user requests, the retries, token-truth flags, the SLO checks, the capacity
 * sentence, the cost, the verdict.
 */
final class SummaryTable {

    private static final String[] HEADER = { "STAGE", "LEVEL", "REQS", "REQ/S", "OUT TOK/S", "ERR%", "TTFT p50",
        "TTFT p95", "ITL p95", "TPOT p95", "E2E p99", "GOODPUT", "E2E HEALTH", "TIER" };

    private SummaryTable() {
    }

    static void print(Report report, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Aggregate stage : report.stages()) {
            rows.add(row(stage.name(), level(stage), stage));
        }
        rows.add(row("overall", "", report.overall()));
        if (report.requestTypes().size() > 1) {
            for (Aggregate type : report.requestTypes()) {
                rows.add(row("type:" + type.name(), "", type));
            }
        }
        printAligned(rows, out);
        printRetries(report, out);
        printTokenTruth(report.overall(), out);
        printInterrupted(report.overall(), out);
        printUserRequests(report, out);

        List<SloResult> overall = report.slo().stream().filter(r -> r.scope().equals("overall")).toList();
        if (!overall.isEmpty()) {
            out.println();
            out.println("SLO (overall)");
            for (SloResult r : overall) {
                String observed = r.observed() == null ? "no data"
                        : r.metric().equals("errorRate") ? pct(r.observed()) : ms(r.observed());
                out.printf(Locale.ROOT, "  %-6s %-10s <= %-8s observed %s%n", r.met() ? "met" : "MISSED",
                        r.metric(), r.target(), observed);
            }
        }
        if (report.capacity() != null) {
            out.println();
            out.println("Capacity: " + report.capacity().summary());
            if (report.capacity().search() != null) {
                out.println("  Search: " + report.capacity().search().explanation());
            }
            if (report.capacity().plan() != null) {
                out.println("Plan: " + report.capacity().plan().summary());
                report.capacity().plan().assumptions().forEach(a -> out.println("  assumes " + a));
            }
        }
        if (report.cost() != null && report.cost().overall() != null) {
            CostFigures c = report.cost().overall();
            out.printf(Locale.ROOT, "Cost (%s pricing): %s total, %s per request, %s per 1M output tokens%n",
                    report.cost().pricing(), money(c.total()), money(c.perRequest()), money(c.perMillionOutputTokens()));
        }
        printServer(report, out);
        AutoscalingLines.print(report, out);
        String engineWarning = EngineReport.warning(report.run());
        if (engineWarning != null) {
            out.println();
            out.println("Warning: " + engineWarning);
        }
        out.println();
        String outcome = "aborted".equals(report.outcome()) ? " (aborted: " + report.abortReason() + ")" : "";
        out.println("Verdict: " + report.verdict() + outcome);
        out.flush();
    }

    /** One line per stage that retried, then the whole run; nothing when no request was retried. */
    private static void printRetries(Report report, PrintWriter out) {
        if (report.overall().retries() == null) {
            return;
        }
        out.println();
        out.println("Retries (apart from the first attempts above)");
        for (Aggregate stage : report.stages()) {
            if (stage.retries() != null) {
                out.println("  " + stage.name() + ": " + retryLine(stage.retries()));
            }
        }
        out.println("  overall: " + retryLine(report.overall().retries()));
    }

    static String retryLine(RetryReport r) {
        StringBuilder line = new StringBuilder();
        line.append(r.requests()).append(" requests retried, ").append(r.attempts()).append(" retries: ")
                .append(r.succeeded()).append(" succeeded, ").append(r.errors().total()).append(" failed");
        ErrorCounts e = r.errors();
        String byClass = classes(e);
        if (!byClass.isEmpty()) {
            line.append(" (").append(byClass).append(')');
        }
        if (r.interrupted() > 0) {
            line.append(", ").append(r.interrupted()).append(" interrupted");
        }
        if (r.recoveryRate() != null) {
            line.append("; recovered ").append(pct(r.recoveryRate()));
        }
        Percentiles user = r.userLatencyMs();
        if (user != null) {
            line.append("; user latency p50 ").append(ms(user.p50())).append(" p99 ").append(ms(user.p99()));
        }
        return line.toString();
    }

    private static String classes(ErrorCounts e) {
        List<String> parts = new ArrayList<>();
        long[] counts = { e.rateLimited(), e.server(), e.client(), e.timeout(), e.connection(), e.protocol() };
        String[] names = { "rateLimited", "server", "client", "timeout", "connection", "protocol" };
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                parts.add(names[i] + " " + counts[i]);
            }
        }
        return String.join(", ", parts);
    }

    /** Flags a server that packs several tokens per chunk (ITL is then per token, see docs/metrics.md). */
    private static void printTokenTruth(Aggregate overall, PrintWriter out) {
        Percentiles ttfa = overall.ttfaMs();
        if (ttfa != null) {
            out.println();
            out.println("First answer token: p50 " + ms(ttfa.p50()) + ", p95 " + ms(ttfa.p95()) + ", p99 "
                    + ms(ttfa.p99()) + " (TTFT counts reasoning and tool-call tokens too; this is the first content)");
        }
        if (overall.multiTokenChunkRate() != null && overall.multiTokenChunkRate() > 0) {
            out.println();
            out.println("Token truth: " + pct(overall.multiTokenChunkRate()) + " of streams had a chunk count other "
                    + "than usage.completion_tokens (several tokens per chunk); ITL is per token");
        }
    }

    /** Requests cut by the end of the run: never in the percentiles above, so said here with how long they ran. */
    private static void printInterrupted(Aggregate overall, PrintWriter out) {
        String note = InterruptedNote.of(overall);
        if (note != null) {
            out.println();
            out.println("Interrupted: " + note);
        }
    }

    /** Composite types (RAG, sessions, chains): one line each on whole user requests, over the measured stages. */
    private static void printUserRequests(Report report, PrintWriter out) {
        if (report.userRequests() == null || report.userRequests().isEmpty()) {
            return;
        }
        out.println();
        for (UserRequestReport type : report.userRequests()) {
            UserRequestFigures f = type.overall();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "User requests %s: %d (%d failed)",
                    type.type(), f.count(), f.failed()));
            if (f.e2eMs() != null) {
                line.append(", E2E p50 ").append(ms(f.e2eMs().p50())).append(" p99 ").append(ms(f.e2eMs().p99()));
                if (f.meanThinkTimeMs() != null && f.meanThinkTimeMs() > 0) {
                    line.append(" (incl. think time, mean ").append(ms(f.meanThinkTimeMs())).append(')');
                }
            }
            if (f.tokens() != null) {
                line.append(", tokens p50 ").append(f.tokens().p50()).append(" p99 ").append(f.tokens().p99());
            }
            if (f.steps() != null) {
                line.append(", ").append(num(f.steps().mean(), 1)).append(" steps");
            }
            out.println(line);
        }
    }

    /** The server's own view, one line per measured stage, then its alerts. */
    private static void printServer(Report report, PrintWriter out) {
        if (report.server() == null) {
            return;
        }
        ServerReport server = ReportFiles.mapper().convertValue(report.server(), ServerReport.class);
        out.println();
        out.println("Server (" + server.source() + ", " + server.scrapes() + " scrapes)");
        for (ServerReport.Stage stage : server.stages()) {
            StringBuilder line = new StringBuilder("  " + stage.name() + ":");
            stage.metrics().forEach((name, s) -> line.append(' ').append(name).append(' ')
                    .append(s.increase() != null ? "+" + num(s.increase(), 0)
                            : "max " + compact(s.max())));
            if (stage.promptTokensPerSecond() != null && stage.generationTokensPerSecond() != null) {
                line.append(" | server tok/s: prompt ").append(num(stage.promptTokensPerSecond(), 0))
                        .append(" generation ").append(num(stage.generationTokensPerSecond(), 0));
            }
            if (stage.prefixCacheHitRate() != null) {
                line.append(" | prefix-cache hits ").append(pct(stage.prefixCacheHitRate()));
            }
            out.println(line);
        }
        for (ServerReport.Alert alert : server.alerts()) {
            out.printf(Locale.ROOT, "  ALERT %s: %s (%s)%n", alert.stage(), alert.message(),
                    alert.metric() + " " + compact(alert.observed()));
        }
    }

    /** Whole numbers without decimals (queue lengths), fractions with two (KV cache usage). */
    private static String compact(double v) {
        return v == Math.rint(v) ? num(v, 0) : num(v, 2);
    }

    private static String[] row(String name, String level, Aggregate a) {
        Percentiles ttft = a.ttftMs();
        return new String[] { name, level, Long.toString(a.requests()), num(a.requestsPerSecond(), 2),
            num(a.outputTokensPerSecond(), 0), pct(a.errorRate()), ttft == null ? "-" : ms(ttft.p50()),
            ttft == null ? "-" : ms(ttft.p95()), a.itlMs() == null ? "-" : ms(a.itlMs().p95()),
            a.tpotMs() == null ? "-" : ms(a.tpotMs().p95()), a.e2eMs() == null ? "-" : ms(a.e2eMs().p99()),
            a.goodput() == null ? "-" : num(a.goodput(), 2),
            a.health() == null || a.health().e2eBand() == null ? "-" : a.health().e2eBand(),
            a.tier() == null ? "-" : a.tier() };
    }

    private static String level(Aggregate stage) {
        if (stage.level() == null) {
            return "";
        }
        double l = stage.level();
        String value = l == Math.rint(l) ? Long.toString((long) l) : num(l, 1);
        return value + " " + stage.levelUnit();
    }

    private static void printAligned(List<String[]> rows, PrintWriter out) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                // Names and words (health band, tier) left-aligned, numbers right-aligned.
                line.append(i == 0 || i >= row.length - 2 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
                line.append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    /** Prices without a currency (spec.cost has none): up to 6 significant digits, never scientific notation. */
    static String money(Double v) {
        return v == null ? "-" : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
