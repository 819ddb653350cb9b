package io.llmload.runner.cli;

import io.llmload.runner.engine.ProgressListener;
import io.llmload.runner.engine.ProgressSnapshot;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Live progress: one refreshing line on a terminal, or a line every few seconds (and at each stage change) when
 * the output is a log or a pipe.
 */
final class ConsoleProgress implements ProgressListener {

    private static final int LOG_EVERY_SECONDS = 5;

    private final PrintWriter out;
    private final boolean terminal;
    private String lastStage;
    private int sinceLastLine;
    private int lastWidth;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onProgress(ProgressSnapshot p) {
        String line = format(p);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            out.flush();
            return;
        }
        boolean stageChanged = !p.stage().equals(lastStage);
        if (stageChanged || ++sinceLastLine >= LOG_EVERY_SECONDS) {
            out.println(line);
            out.flush();
            sinceLastLine = 0;
            lastStage = p.stage();
        }
    }

    /** Ends the refreshing line so the summary starts on a fresh one. */
    void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            out.flush();
        }
    }

    static String format(ProgressSnapshot p) {
        return String.format(Locale.ROOT, "[%s%s] %5.0fs/%.0fs  level %.1f  %6.1f req/s  %7.0f tok/s  p95 TTFT %s  "
                        + "in-flight %d  requests %d  errors %d",
                p.stage(), p.warmup() ? " (warmup)" : "", p.elapsedSeconds(), p.totalSeconds(), p.level(),
                p.intervalRequestsPerSecond(), p.intervalOutputTokensPerSecond(),
                Double.isNaN(p.stageTtftP95Ms()) ? "-" : String.format(Locale.ROOT, "%.0fms", p.stageTtftP95Ms()),
                p.inFlight(), p.requests(), p.errors());
    }
}
