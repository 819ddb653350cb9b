package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    /** Records events, incomplete events and the size cap in order: "event:{...}", "incomplete:...", "oversized:N". */
    private static final class Recorder implements SseListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onEvent(byte[] data, int offset, int length) {
            calls.add("event:" + new String(data, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onIncomplete(byte[] data, int offset, int length) {
            calls.add("incomplete:" + new String(data, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onOversized(int limitBytes) {
            calls.add("oversized:" + limitBytes);
        }
    }

    /** A realistic 3-event stream with multi-byte characters (2, 3 and 4 UTF-8 bytes) and a keep-alive comment. */
    private static final String STREAM = ""
            + "data: {\"choices\":[{\"delta\":{\"content\":\"caf\u00e9\"}}]}\n\n"
            + ": ping\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\" \u65e5\u672c \ud83d\ude80\"}}]}\n\n"
            + "data: [DONE]\n\n";

    private static final List<String> STREAM_EVENTS = List.of(
            "event:{\"choices\":[{\"delta\":{\"content\":\"caf\u00e9\"}}]}",
            "event:{\"choices\":[{\"delta\":{\"content\":\" \u65e5\u672c \ud83d\ude80\"}}]}",
            "event:[DONE]");

    private static List<String> parse(String... reads) {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        for (String read : reads) {
            parser.feed(Buffer.buffer(read));
        }
        parser.end();
        return recorder.calls;
    }

    private static List<String> parseBytes(byte[]... reads) {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        for (byte[] read : reads) {
            parser.feed(Buffer.buffer(read));
        }
        parser.end();
        return recorder.calls;
    }

    @Test
    void oneEventPerRead() {
        assertThat(parse("data: {\"a\":1}\n\n", "data: {\"a\":2}\n\n", "data: [DONE]\n\n"))
                .containsExactly("event:{\"a\":1}", "event:{\"a\":2}", "event:[DONE]");
    }

    @Test
    void manyEventsInOneRead() {
        assertThat(parse(STREAM)).isEqualTo(STREAM_EVENTS);
    }

    @Test
    void eventSplitAtEveryByteOffset() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            List<String> events = parseBytes(Arrays.copyOfRange(bytes, 0, split),
                    Arrays.copyOfRange(bytes, split, bytes.length));
            assertThat(events).as("split at byte %d", split).isEqualTo(STREAM_EVENTS);
        }
    }

    @Test
    void streamSplitAtEveryPairOfOffsets() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int a = 0; a <= bytes.length; a++) {
            for (int b = a; b <= bytes.length; b++) {
                List<String> events = parseBytes(Arrays.copyOfRange(bytes, 0, a), Arrays.copyOfRange(bytes, a, b),
                        Arrays.copyOfRange(bytes, b, bytes.length));
                assertThat(events).as("split at bytes %d and %d", a, b).isEqualTo(STREAM_EVENTS);
            }
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        byte[][] reads = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            reads[i] = new byte[] {bytes[i]};
        }
        assertThat(parseBytes(reads)).isEqualTo(STREAM_EVENTS);
    }

    @Test
    void crlfAndCrLineEndingsAtEverySplit() {
        for (String eol : List.of("\r\n", "\r")) {
            String stream = STREAM.replace("\n", eol);
            byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            assertThat(parse(stream)).as("eol %s", eol.replace("\r", "CR").replace("\n", "LF"))
                    .isEqualTo(STREAM_EVENTS);
            for (int split = 0; split <= bytes.length; split++) {
                assertThat(parseBytes(Arrays.copyOfRange(bytes, 0, split),
                        Arrays.copyOfRange(bytes, split, bytes.length)))
                        .as("split at byte %d", split).isEqualTo(STREAM_EVENTS);
            }
        }
    }

    @Test
    void mixedLineEndings() {
        assertThat(parse("data: a\r\n\r\ndata: b\n\rdata: c\r\r\n"))
                .containsExactly("event:a", "event:b", "event:c");
    }

    @Test
    void crlfSplitBetweenCrAndLfIsOneLineEnd() {
        // If the "\n" after a read-ending "\r" were taken for a second line end, it would dispatch "a" early.
        assertThat(parse("data: a\r", "\ndata: b\r\n", "\r\n")).containsExactly("event:a\nb");
    }

    @Test
    void multiLineDataIsJoinedWithNewline() {
        assertThat(parse("data: {\"a\":\ndata: 1}\n\n")).containsExactly("event:{\"a\":\n1}");
        assertThat(parse("data: one\ndata:\ndata: three\n\n")).containsExactly("event:one\n\nthree");
    }

    @Test
    void onlyOneSpaceAfterTheColonIsRemoved() {
        assertThat(parse("data:x\n\n", "data:  y\n\n", "data\n\n"))
                .containsExactly("event:x", "event: y", "event:");
    }

    @Test
    void commentsAndOtherFieldsAreIgnored() {
        assertThat(parse(": keep-alive\n\n",
                "event: message\nid: 7\nretry: 1000\ndata: {\"a\":1}\n: comment inside\n\n",
                "id: 8\n\n",
                "dataX: no\ndat: no\n\n"))
                .containsExactly("event:{\"a\":1}");
    }

    @Test
    void blankLinesWithoutDataDispatchNothing() {
        assertThat(parse("\n\n\r\n\n", "data: a\n\n\n\n")).containsExactly("event:a");
    }

    @Test
    void leadingByteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = "data: a\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(parseBytes(new byte[] {bom[0]}, new byte[] {bom[1], bom[2]}, rest)).containsExactly("event:a");
    }

    @Test
    void multiByteCharactersSplitAcrossReads() {
        for (String text : List.of("\u00e9", "\u65e5\u672c", "\ud83d\ude80", "na\u00efve \u65e5\u672c\u8a9e \ud83d\ude00!")) {
            byte[] bytes = ("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
            for (int split = 1; split < bytes.length; split++) {
                assertThat(parseBytes(Arrays.copyOfRange(bytes, 0, split),
                        Arrays.copyOfRange(bytes, split, bytes.length)))
                        .as("%s split at %d", text, split).containsExactly("event:" + text);
            }
        }
    }

    @Test
    void endWithPartialEventReportsIncomplete() {
        assertThat(parse("data: {\"a\":1}\n\ndata: {\"b\":")).containsExactly("event:{\"a\":1}", "incomplete:{\"b\":");
        // a whole line but no blank line: still not dispatched
        assertThat(parse("data: {\"b\":2}\n")).containsExactly("incomplete:{\"b\":2}");
        assertThat(parse("data: one\ndata: tw")).containsExactly("incomplete:one\ntw");
        // truncated inside a field name: incomplete, with no data
        assertThat(parse("data: a\n\nda")).containsExactly("event:a", "incomplete:");
    }

    @Test
    void endAfterCompleteEventsReportsNothing() {
        assertThat(parse("data: a\n\n")).containsExactly("event:a");
        assertThat(parse("data: a\r\n\r\n")).containsExactly("event:a");
        assertThat(parse("data: a\r\r")).containsExactly("event:a");
        assertThat(parse()).isEmpty();
    }

    @Test
    void endIsIdempotentAndFeedAfterEndIsIgnored() {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        parser.feed(Buffer.buffer("data: a"));
        parser.end();
        parser.end();
        parser.feed(Buffer.buffer("\n\ndata: b\n\n"));
        assertThat(recorder.calls).containsExactly("incomplete:a");
    }

    @Test
    void emptyReadsAreHarmless() {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        parser.feed(Buffer.buffer());
        parser.feed(Buffer.buffer("data: a\r"));
        parser.feed(Buffer.buffer());
        parser.feed(Buffer.buffer("\n"));
        parser.feed(Buffer.buffer("\n"));
        parser.end();
        assertThat(recorder.calls).containsExactly("event:a");
    }

    @Test
    void largeEventSpanningManyReads() {
        String big = "x".repeat(100_000);
        String stream = "data: " + big + "\n\n";
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < stream.length(); i += 1000) {
            reads.add(stream.substring(i, Math.min(stream.length(), i + 1000)));
        }
        assertThat(parse(reads.toArray(String[]::new))).containsExactly("event:" + big);
    }

    @Test
    void eventsStayIntactWhenTheCallerReusesItsReadBuffer() {
        // The parser hands over slices of the read without copying; what it keeps past a read must be its own copy.
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        byte[] shared = new byte[64];
        for (String read : List.of("data: first ", "half\n", "\ndata: sec", "ond\n\n")) {
            byte[] bytes = read.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, shared, 0, bytes.length);
            parser.feed(shared, 0, bytes.length);
            Arrays.fill(shared, (byte) 'Z');
        }
        parser.end();
        assertThat(recorder.calls).containsExactly("event:first half", "event:second");
    }

    @Test
    void directBuffersAreReadToo() {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        try {
            parser.feed(Buffer.buffer(direct));
            parser.end();
        } finally {
            direct.release();
        }
        assertThat(recorder.calls).isEqualTo(STREAM_EVENTS);
    }

    @Test
    void aBufferOverPartOfALargerArrayIsReadFromItsOwnBytesOnlyAndLeftUnchanged() {
        // The parser reads a Vert.x buffer's ByteBuf in place (no slice): the array's offset and the reader index
        // must be honoured, the bytes around them ignored, and the buffer not consumed.
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        byte[] stream = STREAM.getBytes(StandardCharsets.UTF_8);
        byte[] array = new byte[stream.length + 40];
        Arrays.fill(array, (byte) 'X');
        System.arraycopy(stream, 0, array, 30, stream.length);
        // A heap ByteBuf whose array offset is 20 and whose reader index skips 10 more bytes of junk.
        ByteBuf slice = Unpooled.wrappedBuffer(array, 20, stream.length + 10);
        slice.readerIndex(10);
        Buffer read = Buffer.buffer(slice);
        parser.feed(read);
        parser.end();
        assertThat(recorder.calls).isEqualTo(STREAM_EVENTS);
        assertThat(slice.readerIndex()).isEqualTo(10);
        assertThat(slice.writerIndex()).isEqualTo(stream.length + 10);
    }

    @Test
    void aLineLongerThanTheCapStopsTheParseOnce() {
        // A 20 MB line in 64 KiB reads: the parser gives up once it holds the cap, not at the end of the line.
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder, 1 << 20);
        parser.feed(Buffer.buffer("data: {\"a\":1}\n\ndata: \""));
        byte[] read = new byte[64 * 1024];
        Arrays.fill(read, (byte) 'x');
        int reads = 0;
        while (reads < 20 * 16 && !recorder.calls.contains("oversized:1048576")) {
            parser.feed(Buffer.buffer(read));
            reads++;
        }
        parser.feed(Buffer.buffer("\"\n\ndata: {\"b\":2}\n\n"));
        parser.end();
        assertThat(recorder.calls).containsExactly("event:{\"a\":1}", "oversized:1048576");
        assertThat(reads).isEqualTo(16); // the 7 bytes of 'data: "' plus 16 reads of 64 KiB pass 1 MiB
    }

    @Test
    void aLineLongerThanTheCapInsideOneReadIsRefusedToo() {
        assertThat(parseCapped(64, "data: " + "y".repeat(100) + "\n\n", "data: after\n\n"))
                .containsExactly("oversized:64");
        // a long comment (keep-alive padding) counts like any line
        assertThat(parseCapped(64, ": " + "p".repeat(100) + "\n", "data: after\n\n"))
                .containsExactly("oversized:64");
    }

    @Test
    void anEventWhoseDataLinesAddUpPastTheCapIsRefused() {
        String line = "data: " + "z".repeat(30) + "\n";
        assertThat(parseCapped(64, line, line, line, "\n")).containsExactly("oversized:64");
        // exactly at the cap: two 30-byte lines joined by "\n" are 61 bytes
        assertThat(parseCapped(64, line, line, "\n")).containsExactly("event:" + "z".repeat(30) + "\n" + "z".repeat(30));
    }

    private static List<String> parseCapped(int cap, String... reads) {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder, cap);
        for (String read : reads) {
            parser.feed(Buffer.buffer(read));
        }
        parser.end();
        return recorder.calls;
    }
}
