package io.llmload.runner.workload.dataset;

/**
 * A broken dataset entry.
 *
 * @param where "line 7" (JSON lines) or "entry [3] (line 40)" (a JSON array)
 */
public record DatasetProblem(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
