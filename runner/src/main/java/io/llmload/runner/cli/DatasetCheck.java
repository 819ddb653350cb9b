package io.llmload.runner.cli;

import io.llmload.runner.spec.DatasetSpec;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.workload.dataset.DatasetException;
import io.llmload.runner.workload.dataset.DatasetProblem;
import io.llmload.runner.workload.dataset.DatasetScan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code llmload validate}'s look into local dataset files: one full streaming pass each, reporting usable and
 * broken entries the way a run would treat them.
 */
final class DatasetCheck {

    private DatasetCheck() {
    }

    /** Prints a line per local dataset (and its first problems); false when one cannot be used for a run. */
    static boolean check(LlmLoadTest test, PrintWriter out, PrintWriter err) {
        List<RequestTypeSpec> mix = test.spec().workload().mix();
        boolean usable = true;
        for (int i = 0; i < mix.size(); i++) {
            DatasetSpec dataset = mix.get(i).prompt().dataset();
            if (dataset == null || dataset.path() == null) {
                continue;
            }
            String field = "spec.workload.mix[" + i + "].prompt.dataset";
            try {
                DatasetScan scan = DatasetScan.of(Path.of(dataset.path()), dataset.format());
                out.printf("  dataset %s: %d usable entries, %d broken%s%n", mix.get(i).name(), scan.usableEntries(),
                        scan.skippedEntries(), scan.skippedEntries() == 0 ? "" : dataset.skipsInvalid()
                                ? " (skipped in a run)" : " (skipInvalid is false: a run stops)");
                for (DatasetProblem problem : scan.problems()) {
                    out.println("    " + problem);
                }
                if (scan.usableEntries() == 0) {
                    err.println("error: " + field + ": " + dataset.path() + ": no usable entry"
                            + (scan.problems().isEmpty() ? "" : "; first problem: " + scan.problems().get(0)));
                    usable = false;
                } else if (scan.skippedEntries() > 0 && !dataset.skipsInvalid()) {
                    err.println("error: " + field + ": " + dataset.path() + ": " + scan.problems().get(0)
                            + " (skipInvalid is false)");
                    usable = false;
                }
            } catch (DatasetException e) {
                err.println("error: " + field + ": " + e.getMessage());
                usable = false;
            }
        }
        err.flush();
        return usable;
    }
}
