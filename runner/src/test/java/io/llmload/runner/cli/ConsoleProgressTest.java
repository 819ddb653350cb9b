package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.engine.ProgressSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static ProgressSnapshot at(double elapsed, String stage) {
        return new ProgressSnapshot(stage, false, 4, elapsed, 60, 3, 12.5, 800, 100, 0, 42);
    }

    @Test
    void aTerminalGetsTheRefreshingLineWhereverTheReportsGo() {
        // --out used to switch the line off; only a missing terminal or --quiet do.
        assertThat(RunCommand.refreshingLine(true, false)).isTrue();
        assertThat(RunCommand.refreshingLine(true, true)).isFalse();
        assertThat(RunCommand.refreshingLine(false, false)).isFalse();
    }

    @Test
    void theRefreshingLineRewritesItselfAndEndsOnFinish() {
        StringWriter out = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), true);
        progress.onProgress(at(1, "light"));
        progress.onProgress(at(2, "light"));

        assertThat(out.toString()).startsWith("\r[light]").contains("\r[light]     2s/60s").doesNotContain("\n");
        progress.finish();
        assertThat(out.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void aLogGetsALineAtEachStageChange() {
        StringWriter out = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), false);
        progress.onProgress(at(1, "light"));
        progress.onProgress(at(2, "light"));
        progress.onProgress(at(3, "heavy"));

        assertThat(out.toString().lines()).hasSize(2).allMatch(l -> !l.contains("\r"));
    }
}
