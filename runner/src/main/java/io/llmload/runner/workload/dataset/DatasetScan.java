package io.llmload.runner.workload.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One full pass over a dataset file, counting usable and broken entries ({@code llmload validate}, and the check
 * before a run that does not skip broken entries). Streams like the reader: memory stays at one entry.
 *
 * @param problems the first {@link io.llmload.runner.report.DatasetUsage#MAX_PROBLEMS} broken entries
 */
public record DatasetScan(long usableEntries, long skippedEntries, List<DatasetProblem> problems) {

    /** @throws DatasetException when the file is missing, unreadable or not JSON at all */
    public static DatasetScan of(Path file, String format) {
        EntryParser parser = new EntryParser(format);
        long usable = 0;
        long skipped = 0;
        List<DatasetProblem> problems = new ArrayList<>();
        try (EntryCursor cursor = EntryCursor.open(file)) {
            for (RawEntry raw = cursor.next(); raw != null; raw = cursor.next()) {
                String problem = raw.syntaxError();
                if (problem == null) {
                    try {
                        parser.parse(raw.json());
                    } catch (EntryParser.BadEntry bad) {
                        problem = bad.getMessage();
                    }
                }
                if (problem == null) {
                    usable++;
                } else {
                    skipped++;
                    if (problems.size() < io.llmload.runner.report.DatasetUsage.MAX_PROBLEMS) {
                        problems.add(new DatasetProblem(raw.where(), problem));
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new DatasetScan(usable, skipped, List.copyOf(problems));
    }
}
