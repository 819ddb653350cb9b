package io.llmload.runner.openai;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields the load tester needs from a chat / completions JSON object — a streamed chunk or a whole response
 * — straight from its UTF-8 bytes, in one pass.
 *
 * <p>Every byte is checked against the JSON grammar (RFC 8259), so malformed input is still a protocol error, but
 * nothing is built for what is skipped: field names are compared as bytes, skipped strings and numbers are only
 * validated, and the only strings created are the values kept (the delta's text, the finish reason). This is the hot
 * path of a streaming run — one object per token — which a general-purpose parser spent most of its time on.
 *
 * <p>Token kinds of a chat delta: {@code content} (the answer), {@code reasoning} (vLLM's reasoning parsers) or its
 * older name {@code reasoning_content} (vLLM before the rename, SGLang, llama.cpp), and {@code tool_calls} (an array,
 * or a single object as TGI sent before 3.2). Mutable and reused across the events of one stream.
 */
final class CompletionJson {

    /** Deeper nesting is refused as malformed (what Jackson's default stream constraints allow). */
    private static final int MAX_DEPTH = 1000;

    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] OBJECT = ascii("object");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] TEXT = ascii("text");
    private static final byte[] FINISH_REASON = ascii("finish_reason");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] REASONING = ascii("reasoning");
    private static final byte[] REASONING_CONTENT = ascii("reasoning_content");
    private static final byte[] TOOL_CALLS = ascii("tool_calls");
    private static final byte[] FUNCTION = ascii("function");
    private static final byte[] NAME = ascii("name");
    private static final byte[] ARGUMENTS = ascii("arguments");
    private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");
    private static final byte[] TYPE = ascii("type");

    /** Whether {@code choices} held at least one element. */
    boolean hasChoice;
    /** choices[0] held a {@code delta} or {@code message} object (chat shape). */
    boolean hasMessage;
    /** choices[0].delta.content or choices[0].message.content, when a string. */
    String messageContent;
    /** choices[0].delta/message .reasoning or .reasoning_content: the first non-empty one (vLLM may send both). */
    String reasoning;
    /** choices[0].delta/message .tool_calls held at least one call. */
    boolean hasToolCalls;
    /** The tool calls' function names and argument fragments, concatenated (for the client's token count). */
    String toolCallText;
    /** choices[0].text (completions shape), when a string. */
    String text;
    String finishReason;
    boolean hasUsage;
    int promptTokens;
    int completionTokens;
    /** The last {@link #read} failed on malformed JSON (its problem is then the reason), not on a wrong shape. */
    boolean malformed;
    /** Non-null when the object is an OpenAI error ({"error": ...}) or a vLLM one ({"object": "error", ...}). */
    String serverError;

    private byte[] b;
    private int pos;
    private int end;
    private int depth;
    private StringBuilder toolText;
    /** The last field name read: its bytes (without quotes) and whether it held escapes. */
    private int nameStart;
    private int nameEnd;
    private boolean nameEscaped;
    /** The last string scanned held a backslash escape. */
    private boolean escaped;

    /**
     * Reads one JSON object from {@code length} UTF-8 bytes of {@code bytes} starting at {@code offset}.
     *
     * @return null when read, else why the input is not a JSON object, or (with {@link #malformed}) why it is not JSON
     */
    String read(byte[] bytes, int offset, int length) {
        reset();
        b = bytes;
        pos = offset;
        end = offset + length;
        try {
            skipWhitespace();
            if (pos >= end) {
                return "not a JSON object";
            }
            if (b[pos] != '{') {
                skipValue(); // malformed input is reported as such, valid JSON of another type as not an object
                skipWhitespace();
                return pos < end ? "trailing data after the JSON value" : "not a JSON object";
            }
            boolean objectIsError = false;
            String topMessage = null;
            pos++;
            depth = 1;
            if (firstField()) {
                do {
                    name();
                    if (nameIs(CHOICES)) {
                        choices();
                    } else if (nameIs(USAGE)) {
                        usage();
                    } else if (nameIs(ERROR)) {
                        serverError = errorValue();
                    } else if (nameIs(OBJECT)) {
                        objectIsError = isString() && stringIs(ERROR);
                        if (!objectIsError) {
                            skipValue();
                        }
                    } else if (nameIs(MESSAGE)) {
                        topMessage = stringOrNull();
                    } else {
                        skipValue();
                    }
                } while (nextField());
            }
            skipWhitespace();
            if (pos < end) {
                return "trailing data after the JSON object";
            }
            if (serverError == null && objectIsError) {
                serverError = topMessage != null ? topMessage : "server error";
            }
            if (toolText != null) {
                toolCallText = toolText.toString();
            }
            return null;
        } catch (Malformed e) {
            malformed = true;
            return e.getMessage() + " at byte " + (pos - offset);
        } finally {
            b = null;
        }
    }

    /** The answer text for {@code api}: message content for chat, text for completions; may be null. */
    String content(Api api) {
        return api == Api.CHAT ? messageContent : text;
    }

    private void reset() {
        malformed = false;
        hasChoice = false;
        hasMessage = false;
        messageContent = null;
        reasoning = null;
        hasToolCalls = false;
        toolCallText = null;
        toolText = null;
        text = null;
        finishReason = null;
        hasUsage = false;
        promptTokens = -1;
        completionTokens = -1;
        serverError = null;
    }

    // --- the fields that matter ---

    private void choices() {
        if (peek() != '[') {
            skipValue();
            return;
        }
        enter();
        if (!firstElement()) {
            return;
        }
        do {
            if (!hasChoice && peek() == '{') {
                choice();
            } else {
                skipValue(); // n > 1: only the first choice is measured
            }
            hasChoice = true;
        } while (nextElement());
    }

    private void choice() {
        enter();
        if (!firstField()) {
            return;
        }
        do {
            name();
            if (nameIs(DELTA) || nameIs(MESSAGE)) {
                message();
            } else if (nameIs(TEXT)) {
                text = stringOrNull();
            } else if (nameIs(FINISH_REASON)) {
                finishReason = stringOrNull();
            } else {
                skipValue();
            }
        } while (nextField());
    }

    private void message() {
        if (peek() != '{') {
            skipValue();
            return;
        }
        hasMessage = true;
        enter();
        if (!firstField()) {
            return;
        }
        do {
            name();
            if (nameIs(CONTENT)) {
                messageContent = stringOrNull();
            } else if (nameIs(REASONING) || nameIs(REASONING_CONTENT)) {
                String value = stringOrNull();
                if (reasoning == null || reasoning.isEmpty()) {
                    reasoning = value;
                }
            } else if (nameIs(TOOL_CALLS)) {
                toolCalls();
            } else {
                skipValue(); // role, refusal, ...
            }
        } while (nextField());
    }

    private void toolCalls() {
        byte c = peek();
        if (c == '{') {
            toolCall(); // TGI before 3.2: a single object instead of an array
            return;
        }
        if (c != '[') {
            skipValue(); // null
            return;
        }
        enter();
        if (!firstElement()) {
            return;
        }
        do {
            if (peek() == '{') {
                toolCall();
            } else {
                skipValue();
            }
        } while (nextElement());
    }

    private void toolCall() {
        hasToolCalls = true;
        enter();
        if (!firstField()) {
            return;
        }
        do {
            name();
            if (nameIs(FUNCTION) && peek() == '{') {
                function();
            } else {
                skipValue(); // index, id, type
            }
        } while (nextField());
    }

    private void function() {
        enter();
        if (!firstField()) {
            return;
        }
        do {
            name();
            if (nameIs(NAME) || nameIs(ARGUMENTS)) {
                String part = stringOrNull();
                if (part != null && !part.isEmpty()) {
                    if (toolText == null) {
                        toolText = new StringBuilder();
                    }
                    toolText.append(part);
                }
            } else {
                skipValue();
            }
        } while (nextField());
    }

    private void usage() {
        if (peek() != '{') {
            skipValue(); // "usage": null on chunks other than the usage chunk
            return;
        }
        hasUsage = true;
        enter();
        if (!firstField()) {
            return;
        }
        do {
            name();
            if (nameIs(PROMPT_TOKENS)) {
                promptTokens = intOrMinusOne();
            } else if (nameIs(COMPLETION_TOKENS)) {
                completionTokens = intOrMinusOne();
            } else {
                skipValue();
            }
        } while (nextField());
    }

    /**
     * The message of an {@code "error"} value: OpenAI's {"message": ...} object (else its type), a plain string (TGI,
     * proxies), a generic text for arrays, the literal text of other scalars; null for JSON null.
     */
    private String errorValue() {
        byte c = peek();
        if (c == 'n') {
            skipValue();
            return null;
        }
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            skipValue();
            return "server error";
        }
        if (c != '{') {
            int start = pos;
            skipValue();
            return new String(b, start, pos - start, StandardCharsets.UTF_8);
        }
        String message = null;
        String type = null;
        enter();
        if (firstField()) {
            do {
                name();
                if (nameIs(MESSAGE)) {
                    message = stringOrNull();
                } else if (nameIs(TYPE)) {
                    type = stringOrNull();
                } else {
                    skipValue();
                }
            } while (nextField());
        }
        return message != null ? message : type != null ? type : "server error";
    }

    // --- the grammar ---

    /** After "{": true when a field follows (the parser is on its name), false for "{}" (consumed). */
    private boolean firstField() {
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return false;
        }
        if (b[pos] != '"') {
            throw new Malformed("expected a field name");
        }
        return true;
    }

    /** After a field's value: true when "," and another field follow, false at "}" (consumed). */
    private boolean nextField() {
        skipWhitespace();
        byte c = peek();
        if (c == ',') {
            pos++;
            skipWhitespace();
            if (peek() != '"') {
                throw new Malformed("expected a field name");
            }
            return true;
        }
        if (c == '}') {
            pos++;
            depth--;
            return false;
        }
        throw new Malformed("expected ',' or '}'");
    }

    /** After "[": true when an element follows (the parser is on it), false for "[]" (consumed). */
    private boolean firstElement() {
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return false;
        }
        return true;
    }

    private boolean nextElement() {
        skipWhitespace();
        byte c = peek();
        if (c == ',') {
            pos++;
            skipWhitespace();
            return true;
        }
        if (c == ']') {
            pos++;
            depth--;
            return false;
        }
        throw new Malformed("expected ',' or ']'");
    }

    /** Consumes the "{" or "[" the parser is on. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Malformed("nesting deeper than " + MAX_DEPTH);
        }
        pos++;
    }

    private void colon() {
        skipWhitespace();
        if (peek() != ':') {
            throw new Malformed("expected ':'");
        }
        pos++;
        skipWhitespace();
    }

    private void skipValue() {
        byte c = peek();
        switch (c) {
            case '{':
                enter();
                if (firstField()) {
                    do {
                        name();
                        skipValue();
                    } while (nextField());
                }
                return;
            case '[':
                enter();
                if (firstElement()) {
                    do {
                        skipValue();
                    } while (nextElement());
                }
                return;
            case '"':
                stringEnd();
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                    return;
                }
                throw new Malformed("unexpected character '" + printable(c) + "'");
        }
    }

    private void literal(String word) {
        int n = word.length();
        if (end - pos < n) {
            throw new Malformed("truncated literal");
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw new Malformed("unexpected character '" + printable(b[pos + i]) + "'");
            }
        }
        pos += n;
    }

    /** Validates a number (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?) and returns where it started. */
    private int number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos < end && b[pos] == '0') {
            pos++;
        } else if (!digits()) {
            throw new Malformed("malformed number");
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (!digits()) {
                throw new Malformed("malformed number");
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                throw new Malformed("malformed number");
            }
        }
        return start;
    }

    private boolean digits() {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    /** The integer at the parser, or -1 for anything else (null, a string, a fraction, out of int range). */
    private int intOrMinusOne() {
        byte c = peek();
        if (c != '-' && (c < '0' || c > '9')) {
            skipValue();
            return -1;
        }
        int start = number();
        long value = 0;
        boolean negative = b[start] == '-';
        for (int i = negative ? start + 1 : start; i < pos; i++) {
            byte d = b[i];
            if (d < '0' || d > '9' || value > Integer.MAX_VALUE) {
                return -1; // a fraction or exponent: not an integer
            }
            value = value * 10 + (d - '0');
        }
        value = negative ? -value : value;
        return value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? -1 : (int) value;
    }

    private boolean isString() {
        return peek() == '"';
    }

    private String stringOrNull() {
        if (peek() != '"') {
            skipValue();
            return null;
        }
        return string();
    }

    /** Decodes the string the parser is on. */
    private String string() {
        int start = pos + 1;
        int stop = stringEnd() - 1; // the closing quote
        return escaped ? unescape(start, stop) : new String(b, start, stop - start, StandardCharsets.UTF_8);
    }

    /** Whether the string the parser is on equals {@code ascii} (consumed if so, left in place if not). */
    private boolean stringIs(byte[] ascii) {
        int start = pos + 1;
        int n = ascii.length;
        if (end - start < n + 1 || b[start + n] != '"') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[start + i] != ascii[i]) {
                return false;
            }
        }
        pos = start + n + 1;
        return true;
    }

    /**
     * Validates the string the parser is on (escapes, no raw control characters) and moves past it; returns the
     * position after its closing quote.
     */
    private int stringEnd() {
        int i = pos + 1;
        escaped = false;
        while (true) {
            if (i >= end) {
                pos = i;
                throw new Malformed("unterminated string");
            }
            byte c = b[i++];
            if (c == '"') {
                pos = i;
                return i;
            }
            if (c == '\\') {
                escaped = true;
                if (i >= end) {
                    pos = i;
                    throw new Malformed("unterminated string");
                }
                byte e = b[i++];
                if (e == 'u') {
                    if (end - i < 4 || hex(b[i]) < 0 || hex(b[i + 1]) < 0 || hex(b[i + 2]) < 0 || hex(b[i + 3]) < 0) {
                        pos = i;
                        throw new Malformed("invalid \\u escape");
                    }
                    i += 4;
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                        && e != 't') {
                    pos = i;
                    throw new Malformed("invalid escape");
                }
            } else if (c >= 0 && c < 0x20) {
                pos = i;
                throw new Malformed("control character in string");
            }
        }
    }

    /** Reads a field name and the colon after it; {@link #nameIs} then compares against it. */
    private void name() {
        nameStart = pos + 1;
        nameEnd = stringEnd() - 1;
        nameEscaped = escaped;
        colon();
    }

    /** Whether the field name just read equals {@code name} (byte compare; escapes decoded only if present). */
    private boolean nameIs(byte[] name) {
        if (nameEscaped) {
            return unescape(nameStart, nameEnd).equals(new String(name, StandardCharsets.US_ASCII));
        }
        int length = nameEnd - nameStart;
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[nameStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private String unescape(int start, int stop) {
        StringBuilder out = new StringBuilder(stop - start);
        int run = start;
        int i = start;
        while (i < stop) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            if (i > run) {
                out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            }
            byte e = b[i + 1];
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5])));
                    i += 4;
                }
                default -> out.append((char) e); // " \ /
            }
            i += 2;
            run = i;
        }
        if (stop > run) {
            out.append(new String(b, run, stop - run, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private byte peek() {
        if (pos >= end) {
            throw new Malformed("truncated JSON object");
        }
        return b[pos];
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private static String printable(byte c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("0x%02x", c & 0xff);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Malformed input; carries no stack trace (it is an answer, not a bug). */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
