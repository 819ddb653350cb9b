package io.llmload.runner.servermetrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the hand-written exposition samples under src/test/resources/servermetrics. */
final class Exposition {

    private Exposition() {
    }

    static String text(String file) {
        try (InputStream in = Exposition.class.getResourceAsStream("/servermetrics/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource servermetrics/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a resource and insists every line was readable: the samples are well-formed by construction. */
    static PrometheusTextParser.Parsed parsed(String file) {
        PrometheusTextParser.Parsed p = PrometheusTextParser.parse(text(file));
        if (p.malformedLines() != 0) {
            throw new AssertionError(file + ": " + p.malformedLines() + " malformed lines");
        }
        return p;
    }
}
