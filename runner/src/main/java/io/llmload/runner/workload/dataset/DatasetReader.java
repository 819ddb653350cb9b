package io.llmload.runner.workload.dataset;

import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.report.DatasetUsage;
import io.llmload.runner.workload.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Yields a dataset's entries one at a time, streaming the file and starting over at its end, so a file of any size
 * serves a test of any length. Runners share a file without overlap: usable entry i goes to runner i mod count.
 * Broken entries are skipped and remembered (the first few, with where they are) for the report; with
 * {@code skipInvalid} off, the whole file is checked when opened instead and any broken entry is an error.
 * Not thread-safe: the engine reads it from its one event loop.
 */
public final class DatasetReader implements AutoCloseable {

    private final Path file;
    private final EntryParser parser;
    private final RunnerShare share;
    private final Tokenizer tokenizer;
    private final List<DatasetProblem> problems = new ArrayList<>();
    private EntryCursor cursor;
    private DatasetEntry pending;
    private boolean firstPass = true;
    private long usableInPass;
    private long ownInPass;
    private long usableEntries;
    private long skippedEntries;

    private DatasetReader(Path file, String format, RunnerShare share, Tokenizer tokenizer) {
        this.file = file;
        this.parser = new EntryParser(format);
        this.share = share;
        this.tokenizer = tokenizer;
    }

    /**
     * Opens the file and reads up to this runner's first entry, so that a file with nothing to send fails here.
     *
     * @param format sharegpt, jsonl, or null to detect per entry
     * @throws DatasetException when the file is missing or unreadable, has no usable entry for this runner, or (with
     *     {@code skipInvalid} off) has a broken entry; the message names the file and the first problem
     */
    public static DatasetReader open(Path file, String format, boolean skipInvalid, RunnerShare share,
            Tokenizer tokenizer) {
        if (!skipInvalid) {
            DatasetScan scan = DatasetScan.of(file, format);
            if (scan.skippedEntries() > 0) {
                throw new DatasetException(file + ": " + scan.problems().get(0)
                        + " (skipInvalid is false: fix the entry, or set skipInvalid: true to skip broken entries)");
            }
        }
        DatasetReader reader = new DatasetReader(file, format, share, tokenizer);
        reader.cursor = EntryCursor.open(file);
        try {
            reader.pending = reader.advance();
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** This runner's next entry; after the last one, the file starts over. */
    public DatasetEntry next() {
        if (pending != null) {
            DatasetEntry entry = pending;
            pending = null;
            return entry;
        }
        return advance();
    }

    /** What the report says about this dataset so far. */
    public DatasetUsage usage(String requestType) {
        return new DatasetUsage(requestType, file.toString(), usableEntries, skippedEntries,
                problems.stream().map(DatasetProblem::toString).toList(), !firstPass);
    }

    @Override
    public void close() {
        try {
            if (cursor != null) {
                cursor.close();
            }
        } catch (IOException ignored) {
            // Read-only: nothing is lost.
        }
    }

    private DatasetEntry advance() {
        try {
            while (true) {
                RawEntry raw = cursor.next();
                if (raw == null) {
                    startOver();
                    continue;
                }
                ParsedEntry parsed;
                try {
                    if (raw.syntaxError() != null) {
                        throw new EntryParser.BadEntry(raw.syntaxError());
                    }
                    parsed = parser.parse(raw.json());
                } catch (EntryParser.BadEntry bad) {
                    skipped(new DatasetProblem(raw.where(), bad.getMessage()));
                    continue;
                }
                long index = usableInPass++;
                if (firstPass) {
                    usableEntries++;
                }
                if (index % share.count() == share.index()) {
                    ownInPass++;
                    return parsed.toEntry(tokenizer, raw.where());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** At the end of the file: start over, unless a whole pass found nothing for this runner. */
    private void startOver() throws IOException {
        if (ownInPass == 0) {
            throw new DatasetException(nothingToSend());
        }
        firstPass = false;
        usableInPass = 0;
        ownInPass = 0;
        cursor.close();
        cursor = EntryCursor.open(file);
    }

    private String nothingToSend() {
        if (usableEntries == 0) {
            return file + ": no usable entry" + (problems.isEmpty() ? " (the file holds no entries)"
                    : "; first problem: " + problems.get(0));
        }
        return file + ": " + usableEntries + " usable entr" + (usableEntries == 1 ? "y" : "ies") + ", fewer than the "
                + share.count() + " runners sharing it: each runner needs at least one";
    }

    private void skipped(DatasetProblem problem) {
        if (!firstPass) {
            return;
        }
        skippedEntries++;
        if (problems.size() < DatasetUsage.MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}
