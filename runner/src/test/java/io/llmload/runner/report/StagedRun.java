package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import java.util.ArrayList;
import java.util.List;

/** Builds a one-request-type {@link RunData} stage by stage from hand-made requests (10 s per stage). */
final class StagedRun {

    static final double STAGE_SECONDS = 10;

    private final String levelUnit;
    private final List<StageInfo> stages = new ArrayList<>();
    private final List<CellData> cells = new ArrayList<>();
    private CellStats current;

    private StagedRun(String levelUnit) {
        this.levelUnit = levelUnit;
    }

    static StagedRun closed() {
        return new StagedRun("users");
    }

    static StagedRun open() {
        return new StagedRun("req/s");
    }

    StagedRun stage(String name, double level) {
        close();
        stages.add(new StageInfo(name, level, STAGE_SECONDS, false));
        current = new CellStats();
        return this;
    }

    /** {@code n} streamed successes with TTFT {@code ttftMs} (E2E = TTFT + 100 ms, 2 output tokens, 10 input). */
    StagedRun ok(int n, double ttftMs) {
        for (int i = 0; i < n; i++) {
            current.record(Traces.ok(ttftMs));
        }
        return this;
    }

    StagedRun add(int n, RequestTrace trace) {
        for (int i = 0; i < n; i++) {
            current.record(trace);
        }
        return this;
    }

    RunData build() {
        close();
        return new RunData("judged", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
                levelUnit.equals("users") ? "closed" : "open", levelUnit, "http://sim:8000", "sim-model", 1,
                List.copyOf(stages), List.of("chat"), List.copyOf(cells), List.of(), false, null);
    }

    private void close() {
        if (current != null) {
            cells.add(current.toData(stages.get(stages.size() - 1).name(), "chat"));
            current = null;
        }
    }
}
