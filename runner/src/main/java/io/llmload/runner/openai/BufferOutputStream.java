package io.llmload.runner.openai;

import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;

/** Lets a Jackson generator write straight into a Vert.x buffer (no intermediate byte[] copy). */
final class BufferOutputStream extends OutputStream {

    private final Buffer buffer;

    BufferOutputStream(Buffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public void write(int b) {
        buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        buffer.appendBytes(b, off, len);
    }
}
