package io.llmload.runner.openai;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental parser of a {@code text/event-stream} body, fed network reads as they arrive.
 *
 * <p>Follows the WHATWG rules that matter for OpenAI-compatible servers: {@code data:} lines (one optional space
 * after the colon), several data lines of one event joined with "\n", a blank line dispatches the event, comment
 * lines ({@code :...}) and other fields ({@code event:}, {@code id:}, {@code retry:}) are ignored, lines end with
 * "\n", "\r\n" or "\r", and a leading UTF-8 BOM is skipped.
 *
 * <p>Works on bytes and decodes UTF-8 only once per event: line terminators are ASCII and never occur inside a
 * multi-byte sequence, so a character split across reads is simply carried over with the rest of its line. Reads may
 * split anywhere, including between the "\r" and "\n" of one line end. Not thread-safe: one instance per response.
 */
public final class SseParser {

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final SseListener listener;
    /** The current line when it spans reads; empty when lines start and end inside one read (the usual case). */
    private final Bytes pendingLine = new Bytes(256);
    /** The current event's data lines, already joined with "\n". */
    private final Bytes data = new Bytes(512);
    private boolean hasData;
    /** The last read ended with "\r": a "\n" starting the next read belongs to that same line end. */
    private boolean skipLf;
    private boolean firstLine = true;
    private boolean ended;

    public SseParser(SseListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Parses one network read; complete events are dispatched before this returns. Ignored after {@link #end()}. */
    public void feed(Buffer chunk) {
        if (ended || chunk == null || chunk.length() == 0) {
            return;
        }
        byte[] b = chunk.getBytes();
        int n = b.length;
        int i = 0;
        if (skipLf) {
            skipLf = false;
            if (b[0] == LF) {
                i = 1;
            }
        }
        int lineStart = i;
        for (; i < n; i++) {
            byte c = b[i];
            if (c != LF && c != CR) {
                continue;
            }
            if (pendingLine.size > 0) {
                pendingLine.append(b, lineStart, i - lineStart);
                line(pendingLine.array, 0, pendingLine.size);
                pendingLine.size = 0;
            } else {
                line(b, lineStart, i - lineStart);
            }
            if (c == CR) {
                if (i + 1 < n) {
                    if (b[i + 1] == LF) {
                        i++;
                    }
                } else {
                    skipLf = true;
                }
            }
            lineStart = i + 1;
        }
        if (lineStart < n) {
            pendingLine.append(b, lineStart, n - lineStart);
        }
    }

    /**
     * End of body. An event that was started but not terminated by a blank line (including an unterminated last
     * line) is reported through {@link SseListener#onIncomplete}, never dispatched. Idempotent.
     */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        boolean pending = hasData || pendingLine.size > 0;
        if (pendingLine.size > 0) {
            line(pendingLine.array, 0, pendingLine.size);
            pendingLine.size = 0;
        }
        if (pending) {
            String partial = data.utf8();
            data.size = 0;
            hasData = false;
            listener.onIncomplete(partial);
        }
    }

    private void line(byte[] b, int off, int len) {
        if (firstLine) {
            firstLine = false;
            if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        if (len == 0) {
            dispatch();
            return;
        }
        if (b[off] == ':') {
            return; // comment, e.g. keep-alive pings
        }
        int end = off + len;
        int colon = off;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        if (!isData(b, off, colon - off)) {
            return; // event:, id:, retry: and unknown fields do not matter here
        }
        int value = colon + 1;
        if (value < end && b[value] == ' ') {
            value++;
        }
        if (hasData) {
            data.append(LF);
        }
        if (value < end) {
            data.append(b, value, end - value);
        }
        hasData = true;
    }

    private static boolean isData(byte[] b, int off, int len) {
        return len == 4 && b[off] == 'd' && b[off + 1] == 'a' && b[off + 2] == 't' && b[off + 3] == 'a';
    }

    private void dispatch() {
        if (!hasData) {
            return; // a blank line without data lines dispatches nothing
        }
        String event = data.utf8();
        data.size = 0;
        hasData = false;
        listener.onEvent(event);
    }

    /** A growable byte array, reused across lines and events so steady-state parsing does not allocate. */
    private static final class Bytes {
        byte[] array;
        int size;

        Bytes(int capacity) {
            array = new byte[capacity];
        }

        void append(byte[] src, int off, int len) {
            ensure(size + len);
            System.arraycopy(src, off, array, size, len);
            size += len;
        }

        void append(byte b) {
            ensure(size + 1);
            array[size++] = b;
        }

        private void ensure(int capacity) {
            if (capacity > array.length) {
                array = Arrays.copyOf(array, Math.max(capacity, array.length * 2));
            }
        }

        String utf8() {
            return new String(array, 0, size, StandardCharsets.UTF_8);
        }
    }
}
