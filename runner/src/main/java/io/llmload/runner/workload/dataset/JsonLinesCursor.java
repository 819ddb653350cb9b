package io.llmload.runner.workload.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;

/** One JSON object per line; blank lines are skipped, and every entry is named by its line number. */
final class JsonLinesCursor extends EntryCursor {

    private final BufferedReader reader;
    private long lineNumber;

    JsonLinesCursor(BufferedReader reader) {
        this.reader = reader;
    }

    @Override
    RawEntry next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + lineNumber;
            try {
                return new RawEntry(where, LINE_READER.readTree(line), null);
            } catch (JsonProcessingException e) {
                return new RawEntry(where, null, syntaxMessage(e));
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
