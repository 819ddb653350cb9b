package io.llmload.runner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 server that answers every request with {@code text/event-stream} and a body written by a script,
 * byte for byte, then closes the connection (no Content-Length, no chunking: the body ends at close, as a proxy or a
 * server without [DONE] would end it). Raw sockets, so a test controls framing, write boundaries and timing.
 */
final class RawSseServer implements AutoCloseable {

    /** Writes one response body; may sleep between writes. */
    interface Script {
        void write(OutputStream body) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    /** Bytes the scripts managed to write before the client hung up or they ended. */
    final AtomicLong bytesWritten = new AtomicLong();

    RawSseServer(Script script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setTcpNoDelay(true);
                    readRequest(client.getInputStream());
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    script.write(new CountingStream(out, bytesWritten));
                } catch (IOException e) {
                    // the client hung up (or the server closed): next connection
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "raw-sse-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private static void readRequest(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        int length = 0;
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < length && reader.read() >= 0; i++) {
            // the body (ASCII JSON): read and dropped
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private final AtomicLong count;

        CountingStream(OutputStream out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
            count.addAndGet(len);
        }
    }
}
