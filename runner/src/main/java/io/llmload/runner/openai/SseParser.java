package io.llmload.runner.openai;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental parser of a {@code text/event-stream} body, fed network reads as they arrive.
 *
 * <p>Follows the WHATWG rules that matter for OpenAI-compatible servers: {@code data:} lines (one optional space
 * after the colon), several data lines of one event joined with "\n", a blank line dispatches the event, comment
 * lines ({@code :...}, keep-alives) and other fields ({@code event:}, {@code id:}, {@code retry:}) are ignored, lines
 * end with "\n", "\r\n" or "\r", and a leading UTF-8 BOM is skipped.
 *
 * <p>Works on bytes and never decodes text: line terminators are ASCII and never occur inside a multi-byte UTF-8
 * sequence, so a character split across reads is simply carried over with the rest of its line. Reads may split
 * anywhere, including between the "\r" and "\n" of one line end. An event whose single data line lies inside one
 * read (the usual case) is handed to the listener as a slice of that read, without a copy; only lines that span reads
 * and multi-line events are gathered in buffers, which are reused, so steady-state parsing does not allocate.
 *
 * <p>A line or an event longer than {@code maxEventBytes} ends the parse: the listener hears
 * {@link SseListener#onOversized} once and nothing after it, and the parser keeps no more than that many bytes — a
 * server streaming a 20 MB line cannot exhaust the heap. Not thread-safe: one instance per response.
 */
public final class SseParser {

    /** Default cap on one line and on one event's data: far above any real chunk, far below trouble. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final SseListener listener;
    private final int maxEventBytes;
    /** The current line when it spans reads; empty when lines start and end inside one read (the usual case). */
    private final Bytes pendingLine = new Bytes(256);
    /** The current event's data lines, joined with "\n", once they no longer fit the zero-copy view below. */
    private final Bytes data = new Bytes(512);
    /** Where the current event's data is: {@link #data}'s array, or the read being parsed (a single data line). */
    private byte[] dataArray;
    private int dataOffset;
    private int dataLength;
    private boolean hasData;
    /** Reads from direct (off-heap) buffers are copied here first, reused across reads. */
    private byte[] scratch = new byte[0];
    /** The last read ended with "\r": a "\n" starting the next read belongs to that same line end. */
    private boolean skipLf;
    private boolean firstLine = true;
    private boolean stopped;

    public SseParser(SseListener listener) {
        this(listener, DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes the longest line, and the most data of one event, accepted (bytes) */
    public SseParser(SseListener listener, int maxEventBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxEventBytes < 16) {
            throw new IllegalArgumentException("maxEventBytes must be at least 16, got " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /** Parses one network read; complete events are dispatched before this returns. Ignored after {@link #end()}. */
    public void feed(Buffer chunk) {
        if (stopped || chunk == null || chunk.length() == 0) {
            return;
        }
        // The buffer itself, not the slice getByteBuf() allocates for every read (this runs once per chunk).
        ByteBuf buf = chunk instanceof BufferImpl impl ? impl.byteBuf() : chunk.getByteBuf();
        int n = buf.readableBytes();
        if (buf.hasArray()) {
            feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), n);
        } else {
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, 2 * scratch.length)];
            }
            buf.getBytes(buf.readerIndex(), scratch, 0, n);
            feed(scratch, 0, n);
        }
    }

    /** Parses {@code length} bytes of {@code b} from {@code offset}: one network read. */
    public void feed(byte[] b, int offset, int length) {
        if (stopped || length == 0) {
            return;
        }
        int end = offset + length;
        int i = offset;
        if (skipLf) {
            skipLf = false;
            if (b[i] == LF) {
                i++;
            }
        }
        int lineStart = i;
        for (; i < end; i++) {
            byte c = b[i];
            if (c != LF && c != CR) {
                continue;
            }
            if (pendingLine.size > 0) {
                if (!appendPending(b, lineStart, i - lineStart)) {
                    return;
                }
                boolean ok = line(pendingLine.array, 0, pendingLine.size);
                pendingLine.size = 0;
                if (!ok) {
                    return;
                }
            } else if (!line(b, lineStart, i - lineStart)) {
                return;
            }
            if (c == CR) {
                if (i + 1 < end) {
                    if (b[i + 1] == LF) {
                        i++;
                    }
                } else {
                    skipLf = true;
                }
            }
            lineStart = i + 1;
        }
        if (lineStart < end && !appendPending(b, lineStart, end - lineStart)) {
            return;
        }
        if (hasData && dataArray != data.array) {
            // The event's data is a slice of this read, which the caller may reuse: keep a copy.
            gather();
        }
    }

    /**
     * End of body. An event that was started but not terminated by a blank line (including an unterminated last
     * line) is reported through {@link SseListener#onIncomplete}, never dispatched. Idempotent.
     */
    public void end() {
        if (stopped) {
            return;
        }
        boolean pending = hasData || pendingLine.size > 0;
        if (pendingLine.size > 0) {
            boolean ok = line(pendingLine.array, 0, pendingLine.size);
            pendingLine.size = 0;
            if (!ok) {
                return;
            }
        }
        stopped = true;
        if (pending) {
            byte[] array = hasData ? dataArray : data.array;
            int offset = hasData ? dataOffset : 0;
            int length = hasData ? dataLength : 0;
            hasData = false;
            listener.onIncomplete(array, offset, length);
        }
    }

    private boolean appendPending(byte[] b, int offset, int length) {
        if ((long) pendingLine.size + length > maxEventBytes) {
            return oversized();
        }
        pendingLine.append(b, offset, length);
        return true;
    }

    /** One line without its terminator; false when parsing stopped. */
    private boolean line(byte[] b, int off, int len) {
        if (firstLine) {
            firstLine = false;
            if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        if (len > maxEventBytes) {
            return oversized();
        }
        if (len == 0) {
            dispatch();
            return !stopped;
        }
        if (b[off] == ':') {
            return true; // comment, e.g. keep-alive pings
        }
        if (!isDataField(b, off, len)) {
            return true; // event:, id:, retry: and unknown fields do not matter here
        }
        int end = off + len;
        int value = len == 4 ? end : off + 5;
        if (value < end && b[value] == ' ') {
            value++;
        }
        int valueLength = end - value;
        if (!hasData) {
            hasData = true;
            if (b != pendingLine.array) {
                dataArray = b; // a slice of the read being parsed: no copy unless the event outlives the read
                dataOffset = value;
                dataLength = valueLength;
                return true;
            }
            data.size = 0;
            data.append(b, value, valueLength); // the pending-line buffer is reused for the next line
            dataArray = data.array;
            dataOffset = 0;
            dataLength = data.size;
            return true;
        }
        if ((long) dataLength + 1 + valueLength > maxEventBytes) {
            return oversized();
        }
        gather();
        data.append(LF);
        data.append(b, value, valueLength);
        dataArray = data.array;
        dataLength = data.size;
        return true;
    }

    /** "data:" or exactly "data" (a field with an empty value). */
    private static boolean isDataField(byte[] b, int off, int len) {
        return len >= 4 && b[off] == 'd' && b[off + 1] == 'a' && b[off + 2] == 't' && b[off + 3] == 'a'
                && (len == 4 || b[off + 4] == ':');
    }

    /** Makes {@link #data} hold the event's data so far. */
    private void gather() {
        if (dataArray != data.array) {
            data.size = 0;
            data.append(dataArray, dataOffset, dataLength);
            dataArray = data.array;
            dataOffset = 0;
        }
    }

    private void dispatch() {
        if (!hasData) {
            return; // a blank line without data lines dispatches nothing
        }
        hasData = false;
        byte[] array = dataArray;
        int offset = dataOffset;
        int length = dataLength;
        data.size = 0;
        listener.onEvent(array, offset, length);
    }

    private boolean oversized() {
        stopped = true;
        hasData = false;
        pendingLine.release();
        data.release();
        listener.onOversized(maxEventBytes);
        return false;
    }

    /** A growable byte array, reused across lines and events. */
    private static final class Bytes {
        private final int initialCapacity;
        byte[] array;
        int size;

        Bytes(int capacity) {
            initialCapacity = capacity;
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

        /** Drops a large array once parsing stopped (the decoder may live on until the request is recorded). */
        void release() {
            size = 0;
            if (array.length > initialCapacity) {
                array = new byte[initialCapacity];
            }
        }
    }
}
