package io.llmload.runner.cli;

import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.regression.RegressionRow;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a regression check ({@code compare --fail-on}): one row per limit, then the result in one line. */
final class RegressionTable {

    private static final String[] HEADER = { "", "limit", "A", "B", "change", "" };

    private RegressionTable() {
    }

    static void print(RegressionResult result, PrintWriter out) {
        out.println();
        out.println("Regression check (B against A)");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RegressionRow r : result.rows()) {
            rows.add(new String[] { r.label(), r.limit(), CompareTable.value(r.baseline(), r.unit()),
                CompareTable.value(r.observed(), r.unit()), r.changeText(),
                r.note() != null ? "not judged: " + r.note() : r.regressed() ? "REGRESSED" : "ok" });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        rows.forEach(row -> CompareTable.printRow(out, row, widths));
        out.println(result.regressed() ? "Result: REGRESSED: " + result.message()
                : "Result: no regression (" + result.rows().size() + " limit" + (result.rows().size() == 1 ? "" : "s")
                        + " checked)");
        out.flush();
    }
}
