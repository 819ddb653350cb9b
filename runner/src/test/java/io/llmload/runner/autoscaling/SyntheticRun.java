package io.llmload.runner.autoscaling;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.IntervalCell;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * A run built by hand for known-answer tests: stages of given levels and lengths, one-second intervals whose requests
 * all have the TTFT a function of the second gives, and replica readings once a second.
 */
final class SyntheticRun {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;

    private final List<StageInfo> stages = new ArrayList<>();
    private final List<ReplicaSample> samples = new ArrayList<>();
    private IntToDoubleFunction ttftMsAtSecond = s -> 100;
    private int requestsPerSecond = 20;

    SyntheticRun stage(String name, double level, double seconds) {
        stages.add(new StageInfo(name, level, seconds, false));
        return this;
    }

    SyntheticRun warmup(double level, double seconds) {
        stages.add(new StageInfo("warmup", level, seconds, true));
        return this;
    }

    /** TTFT of every request finishing in the interval that ends at second s (s = 1, 2, ...). */
    SyntheticRun ttft(IntToDoubleFunction msAtSecond) {
        this.ttftMsAtSecond = msAtSecond;
        return this;
    }

    SyntheticRun requestsPerSecond(int n) {
        this.requestsPerSecond = n;
        return this;
    }

    /** A reading at {@code second}. */
    SyntheticRun replicas(double second, Integer desired, Integer ready) {
        samples.add(new ReplicaSample(START.plusMillis(Math.round(second * 1000)), desired, ready, "test"));
        return this;
    }

    /** Readings every second over [from, to) with these values. */
    SyntheticRun replicas(int from, int to, int desired, int ready) {
        for (int s = from; s < to; s++) {
            replicas(s, desired, ready);
        }
        return this;
    }

    double seconds() {
        return stages.stream().mapToDouble(StageInfo::durationSeconds).sum();
    }

    RunData data() {
        int n = (int) Math.round(seconds());
        List<IntervalCell> intervals = new ArrayList<>();
        Map<String, CellStats> byStage = new LinkedHashMap<>();
        stages.forEach(stage -> byStage.put(stage.name(), new CellStats()));
        for (int s = 1; s <= n; s++) {
            CellStats cell = new CellStats();
            StageInfo stage = stageAt(s - 0.5);
            for (int i = 0; i < (stage.warmup() ? 0 : requestsPerSecond); i++) {
                cell.record(ok(ttftMsAtSecond.applyAsDouble(s)));
            }
            byStage.get(stage.name()).add(cell);
            intervals.add(new IntervalCell(s, 1, cell.toData(stage.name(), "")));
        }
        List<CellData> cells = new ArrayList<>();
        byStage.forEach((stage, stats) -> cells.add(stats.toData(stage, "chat")));
        return new RunData("synthetic", START.toString(), START.plus(Duration.ofSeconds(n)).toString(), "closed",
                "users", "http://sim", "m", 1, List.copyOf(stages), List.of("chat"), cells, List.of(), false,
                null, List.of(), null, null, intervals);
    }

    ReplicaTimeline timeline() {
        return new ReplicaTimeline("test gauges", Duration.ofSeconds(1), samples, 0);
    }

    private StageInfo stageAt(double at) {
        double cursor = 0;
        for (StageInfo s : stages) {
            cursor += s.durationSeconds();
            if (at < cursor) {
                return s;
            }
        }
        return stages.get(stages.size() - 1);
    }

    private static RequestTrace ok(double ttftMs) {
        long t0 = 1_000_000_000L;
        RequestTrace t = new RequestTrace("ok", 0, t0, true, 10);
        t.sent(t0);
        long first = t0 + Math.round(ttftMs * MS);
        t.content(first, 1);
        t.content(first + 20 * MS, 1);
        t.succeeded(first + 100 * MS);
        return t;
    }
}
