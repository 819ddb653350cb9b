package io.llmload.runner.cli;

import io.llmload.runner.compare.Change;
import io.llmload.runner.compare.Comparison;
import io.llmload.runner.compare.LabelDelta;
import io.llmload.runner.compare.MetricDelta;
import io.llmload.runner.compare.ScopeComparison;
import io.llmload.runner.report.TextFigures;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link Comparison} for the console: which report is A and which B, the verdicts and capacity sentences,
 * then one block per scope with A, B, the B−A delta in % and whether that is better or worse for the metric.
 */
final class CompareTable {

    private static final String[] HEADER = { "", "A", "B", "B-A", "" };

    private CompareTable() {
    }

    /** @param full false: only the verdict, capacity and overall block (--quiet) */
    static void print(Comparison c, PrintWriter out, boolean full) {
        out.println("A: " + describe(c.a()));
        out.println("B: " + describe(c.b()));
        out.println();
        if (c.verdict() != null) {
            out.println("Verdict:  " + labels(c.verdict()));
        }
        if (c.capacity() != null) {
            out.println("Capacity: A " + orNone(c.capacity().a()));
            out.println("          B " + orNone(c.capacity().b()) + marker(c.capacity().change(), "  "));
        }
        List<ScopeComparison> scopes = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        scopes.add(c.overall());
        titles.add("overall");
        if (full) {
            c.stages().forEach(s -> {
                scopes.add(s);
                titles.add("stage " + s.name());
            });
            // One type on both sides is the overall block again (like the run summary, which lists types only then).
            boolean severalTypes = c.requestTypes().size() > 1 || !c.requestTypesOnlyInA().isEmpty()
                    || !c.requestTypesOnlyInB().isEmpty();
            if (severalTypes) {
                c.requestTypes().forEach(t -> {
                    scopes.add(t);
                    titles.add("request type " + t.name());
                });
            }
        }
        int[] widths = widths(scopes);
        for (int i = 0; i < scopes.size(); i++) {
            ScopeComparison scope = scopes.get(i);
            out.println();
            out.println(titles.get(i) + (scope.tier() == null ? "" : "  (tier " + labels(scope.tier()) + ")"));
            printRow(out, HEADER, widths);
            for (MetricDelta m : scope.metrics()) {
                printRow(out, cells(m), widths);
            }
        }
        if (full) {
            List<String> notes = new ArrayList<>();
            unmatched(notes, "Stages only in A", c.stagesOnlyInA());
            unmatched(notes, "Stages only in B", c.stagesOnlyInB());
            unmatched(notes, "Request types only in A", c.requestTypesOnlyInA());
            unmatched(notes, "Request types only in B", c.requestTypesOnlyInB());
            if (!notes.isEmpty()) {
                out.println();
                notes.forEach(out::println);
            }
        }
        out.flush();
    }

    private static String describe(Comparison.Side side) {
        return side.name() + "  " + (side.startTime() == null ? "" : side.startTime() + "  ") + side.file()
                + ("aborted".equals(side.outcome()) ? "  (aborted)" : "");
    }

    private static String labels(LabelDelta d) {
        return orNone(d.a()) + " -> " + orNone(d.b()) + marker(d.change(), "  ");
    }

    private static void unmatched(List<String> notes, String title, List<String> names) {
        if (!names.isEmpty()) {
            notes.add(title + " (not compared): " + String.join(", ", names));
        }
    }

    private static String[] cells(MetricDelta m) {
        String delta = m.deltaPercent() == null ? "-"
                : (m.deltaPercent() > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f%%", m.deltaPercent());
        return new String[] { m.label(), value(m.a(), m.unit()), value(m.b(), m.unit()), delta,
            marker(m.change(), "") };
    }

    /** better, WORSE (upper case: it is what people scan for), same, or nothing for neutral metrics. */
    static String marker(Change change, String prefix) {
        if (change == null) {
            return "";
        }
        return prefix + (change == Change.WORSE ? "WORSE" : change.label());
    }

    static String value(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        switch (unit) {
            case "ms":
                return TextFigures.ms(v);
            case "fraction":
                return TextFigures.pct(v);
            case "cost":
                return SummaryTable.money(v);
            case "req/s":
                return String.format(Locale.ROOT, "%.2f", v);
            case "tok/s":
                return String.format(Locale.ROOT, "%.0f", v);
            default:
                return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
        }
    }

    private static int[] widths(List<ScopeComparison> scopes) {
        int[] widths = new int[HEADER.length];
        for (ScopeComparison scope : scopes) {
            for (MetricDelta m : scope.metrics()) {
                String[] row = cells(m);
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
        }
        return widths;
    }

    static void printRow(PrintWriter out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.length; i++) {
            String spaces = " ".repeat(Math.max(0, widths[i] - row[i].length()));
            // Labels and markers left-aligned, numbers right-aligned.
            line.append(i == 0 || i == row.length - 1 ? row[i] + spaces : spaces + row[i]).append("  ");
        }
        out.println(line.toString().stripTrailing());
    }

    private static String orNone(String s) {
        return s == null ? "-" : s;
    }
}
