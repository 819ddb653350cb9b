package io.llmload.runner.workload.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a dataset file front to back, one JSON object at a time, holding only that object in memory. The layout is
 * detected from the first character: {@code [} a JSON array (ShareGPT's own files), {@code {} JSON lines.
 */
abstract class EntryCursor implements Closeable {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** A line holding one object and then more ({"a":1} {"b":2}) is broken, not just its first object. */
    static final ObjectReader LINE_READER = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** How far a file may start with blank space before it counts as empty. */
    private static final int MAX_LEADING_BLANK = 1 << 20;

    /** The next entry, or null at the end of the file. */
    abstract RawEntry next() throws IOException;

    static EntryCursor open(Path file) {
        BufferedReader reader = null;
        try {
            // Broken UTF-8 becomes U+FFFD instead of failing the whole file: the text is only a prompt.
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
                    .newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)), 64 * 1024);
            int first = firstCharacter(reader);
            if (first == '[') {
                return new JsonArrayCursor(reader);
            }
            if (first == '{') {
                return new JsonLinesCursor(reader);
            }
            reader.close();
            throw new DatasetException(file + ": " + (first < 0 ? "the file is empty"
                    : "not a dataset: expected a JSON array of conversations ([...]) or one JSON object per line "
                    + "({...})"));
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found");
        } catch (IOException e) {
            closeQuietly(reader);
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The first character that is not blank (or a byte order mark), -1 if none; the reader is reset to the start. */
    private static int firstCharacter(BufferedReader reader) throws IOException {
        reader.mark(MAX_LEADING_BLANK);
        try {
            for (int i = 0; i < MAX_LEADING_BLANK; i++) {
                int c = reader.read();
                if (c < 0 || !Character.isWhitespace(c) && c != '\uFEFF') {
                    return c;
                }
            }
            return -1;
        } finally {
            reader.reset();
        }
    }

    /** Jackson's message without its source-location details (the reader names the line itself). */
    static String syntaxMessage(com.fasterxml.jackson.core.JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        for (String detail : new String[] { "\n", " (start marker", " at [Source" }) {
            int at = message.indexOf(detail);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        String column = e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? ""
                : " (column " + e.getLocation().getColumnNr() + ")";
        return "not valid JSON" + column + ": " + message.strip();
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Already failing: the first error is the one to report.
            }
        }
    }
}
