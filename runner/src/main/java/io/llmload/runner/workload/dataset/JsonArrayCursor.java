package io.llmload.runner.workload.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;

/**
 * A top-level JSON array read element by element with Jackson's streaming parser, so a file of any size needs the
 * memory of one conversation. Entries are named by their index and line. Broken JSON ends the file: a streaming
 * parser cannot find the next element after a syntax error.
 */
final class JsonArrayCursor extends EntryCursor {

    private final JsonParser parser;
    private int index;
    private boolean done;

    JsonArrayCursor(Reader reader) throws IOException {
        this.parser = MAPPER.createParser(reader);
        // The first character is '[' (checked by open), so the first token is the array's start.
        parser.nextToken();
    }

    @Override
    RawEntry next() throws IOException {
        if (done) {
            return null;
        }
        String where = "entry [" + index + "] (line " + parser.currentLocation().getLineNr() + ")";
        try {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                done = true;
                return null;
            }
            where = "entry [" + index + "] (line " + parser.currentTokenLocation().getLineNr() + ")";
            index++;
            return new RawEntry(where, MAPPER.readTree(parser), null);
        } catch (JsonProcessingException e) {
            done = true;
            return new RawEntry(where, null, syntaxMessage(e) + "; the rest of the file cannot be read");
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
