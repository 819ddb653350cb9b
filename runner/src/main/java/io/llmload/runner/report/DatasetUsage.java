package io.llmload.runner.report;

import java.util.List;

/**
 * What a request type's dataset looked like to the runners (report.json {@code run.datasets[]}).
 *
 * @param usableEntries entries with valid fields, counted over the file's first read
 * @param skippedEntries broken entries skipped in that read
 * @param problems the first few of them, with line numbers (JSON lines) or element indexes (JSON array)
 * @param readCompletely whether the whole file was read at least once; if not, the counts cover the part read
 */
public record DatasetUsage(String requestType, String file, long usableEntries, long skippedEntries,
        List<String> problems, boolean readCompletely) {

    public static final int MAX_PROBLEMS = 5;
}
