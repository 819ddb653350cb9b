package io.llmload.runner.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * The floor under an I/O lane's burst at a synchronized decode step: one thread that does nothing with a chunk but
 * read it. N loopback streams each get one chunk as the simulator frames it (HTTP chunked, one SSE event); only when
 * every chunk sits in the kernel's buffers does the reader start, so it sees all N sockets ready at once (the best
 * case for batching), selects and reads them into one buffer until every byte is in. No HTTP, SSE or JSON decoding,
 * no timestamps, no objects: what no Java client can go below, on this machine, with one read call per socket.
 *
 * <p>Usage: {@code bench/read-floor.sh [streams] [steps]} (default 5,000 streams — one lane's share of 10,000 on two
 * lanes — and 100 steps).
 */
public final class ReadFloorBench {

    private static final byte[] CHUNK = chunk();

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = Math.min(20, steps / 5);
        SocketChannel[] readers = new SocketChannel[streams];
        SocketChannel[] writers = new SocketChannel[streams];
        try (ServerSocketChannel server = ServerSocketChannel.open();
                Selector selector = Selector.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), streams);
            for (int i = 0; i < streams; i++) {
                readers[i] = SocketChannel.open(server.getLocalAddress());
                writers[i] = server.accept();
                writers[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
                readers[i].configureBlocking(false);
                readers[i].register(selector, SelectionKey.OP_READ);
            }
            ByteBuffer out = ByteBuffer.wrap(CHUNK);
            ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            long expected = (long) streams * CHUNK.length;
            long[] burstNanos = new long[steps - warmup];
            long selects = 0;
            for (int step = 0; step < steps; step++) {
                for (SocketChannel writer : writers) {
                    out.clear();
                    while (out.hasRemaining()) {
                        writer.write(out);
                    }
                }
                Thread.sleep(20); // every byte delivered on loopback before the reader starts
                long start = System.nanoTime();
                long read = 0;
                while (read < expected) {
                    selector.select();
                    selects++;
                    Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                    while (ready.hasNext()) {
                        SelectionKey key = ready.next();
                        ready.remove();
                        SocketChannel channel = (SocketChannel) key.channel();
                        int n;
                        do {
                            in.clear();
                            n = channel.read(in);
                            read += Math.max(n, 0);
                        } while (n > 0 && !in.hasRemaining());
                    }
                }
                if (step >= warmup) {
                    burstNanos[step - warmup] = System.nanoTime() - start;
                }
            }
            Arrays.sort(burstNanos);
            long median = burstNanos[burstNanos.length / 2];
            System.out.printf(Locale.ROOT, "read floor: %d streams, %d steps measured (%d warmup), %d-byte chunks,"
                    + " %.1f selects a step | burst to read every stream's chunk p50 %.2f ms, min %.2f ms, max %.2f ms"
                    + " | %.2f µs a chunk at the median%n", streams, burstNanos.length, warmup, CHUNK.length,
                    (double) selects / steps, median / 1e6, burstNanos[0] / 1e6,
                    burstNanos[burstNanos.length - 1] / 1e6, median / 1e3 / streams);
        } finally {
            for (int i = 0; i < streams; i++) {
                close(readers[i]);
                close(writers[i]);
            }
        }
    }

    /** One token's chunk as an OpenAI-compatible server streams it: an SSE event in one HTTP/1.1 chunk. */
    private static byte[] chunk() {
        String event = "data: {\"id\":\"chatcmpl-0123456789abcdef\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1764806400,\"model\":\"llmload-sim\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\" token\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        String framed = Integer.toHexString(body.length) + "\r\n" + event + "\r\n";
        return framed.getBytes(StandardCharsets.UTF_8);
    }

    private static void close(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (java.io.IOException e) {
            // closing at exit: nothing left to do with it
        }
    }
}
