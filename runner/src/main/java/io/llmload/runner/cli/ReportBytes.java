package io.llmload.runner.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** report.json as stored: plain, or gzip-compressed (the operator's per-run report ConfigMaps, report.json.gz). */
final class ReportBytes {

    private ReportBytes() {
    }

    /** The JSON bytes: decompressed when they start with gzip's magic number, else as they are. */
    static byte[] json(byte[] stored) throws IOException {
        boolean gzip = stored.length >= 2 && (stored[0] & 0xff) == 0x1f && (stored[1] & 0xff) == 0x8b;
        if (!gzip) {
            return stored;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }
}
