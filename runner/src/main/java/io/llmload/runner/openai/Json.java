package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Shared Jackson factory and the small streaming-read helpers the decoders have in common. */
final class Json {

    /** Thread-safe and cheap to share; parsers and generators are created per use. */
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** The int at the current token, or -1 when it is not an integer (null, string, ...); skips containers. */
    static int intOrMinusOne(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        p.skipChildren();
        return -1;
    }

    /** The string at the current token, or null when it is anything else (skipped). */
    static String stringOrNull(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /**
     * The message of an {@code "error"} value, the parser being on that value: OpenAI's {"message": ...} object, a
     * plain string (TGI, proxies), or a generic text for other non-null values. Null when the value is JSON null.
     */
    static String errorValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT) {
            String message = null;
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("message".equals(name)) {
                    message = stringOrNull(p);
                } else if ("type".equals(name)) {
                    type = stringOrNull(p);
                } else {
                    p.skipChildren();
                }
            }
            return message != null ? message : type != null ? type : "server error";
        }
        if (t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "server error";
        }
        return p.getText();
    }

    /** Jackson's own reason without its source-location suffix, shortened, for error messages. */
    static String reason(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return preview(message == null ? e.getClass().getSimpleName() : message, 80);
    }

    /** A one-line, trimmed prefix of {@code text} of at most {@code max} chars, for error messages. */
    static String preview(String text, int max) {
        String s = text.strip();
        if (s.length() > max) {
            int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
            s = s.substring(0, end);
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? s : out.toString();
    }
}
