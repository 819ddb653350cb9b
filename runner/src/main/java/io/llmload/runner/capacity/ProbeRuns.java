package io.llmload.runner.capacity;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.EngineData;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.report.TimelinePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The probes of a search as one run: each probe's stages, cells and timeline one after the other, so every table,
 * chart and judgement of a report works on a search too. A probe's warmup becomes the stage {@code <probe>-warmup}
 * (still warmup: excluded from results); the time between two probes, while the previous one drained, becomes the
 * stage {@code <probe>-drain} (marked warmup too: nothing is recorded in it), so the stages lie back to back on the
 * clock like any run's and the server's metrics fall into the right stage. Timeline offsets count from the first
 * probe's start. Nothing is merged across probes: every probe keeps its own histograms.
 */
public final class ProbeRuns {

    private ProbeRuns() {
    }

    /**
     * @param probes the probe runs in order, each with one measured stage named after the probe
     * @param abortReason why the whole search stopped early (Ctrl-C), or null; a guardrail ending one probe is not
     *     an abort of the run
     */
    public static RunData concat(String name, List<RunData> probes, String abortReason) {
        RunData first = probes.get(0);
        Instant start = Instant.parse(first.startTime());
        List<StageInfo> stages = new ArrayList<>();
        List<CellData> cells = new ArrayList<>();
        List<TimelinePoint> timeline = new ArrayList<>();
        EngineData engine = null;
        double cursor = 0;
        String previous = null;
        for (RunData probe : probes) {
            String probeName = probe.stages().stream().filter(s -> !s.warmup()).map(StageInfo::name).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("a probe run without a measured stage"));
            String warmupName = probeName + "-warmup";
            double shift = Duration.between(start, Instant.parse(probe.startTime())).toNanos() / 1e9;
            if (previous != null && shift > cursor) {
                stages.add(new StageInfo(previous + "-drain", 0, shift - cursor, true));
            }
            cursor = shift + probe.stages().stream().mapToDouble(StageInfo::durationSeconds).sum();
            previous = probeName;
            for (StageInfo stage : probe.stages()) {
                stages.add(stage.warmup() ? new StageInfo(warmupName, stage.level(), stage.durationSeconds(), true,
                        stage.fromLevel(), stage.plannedSeconds(), stage.windows()) : stage);
            }
            for (CellData cell : probe.cells()) {
                cells.add(cell.stage().equals(probeName) ? cell : cell.inStage(warmupName));
            }
            for (TimelinePoint p : probe.timeline()) {
                timeline.add(p.at(p.offsetSeconds() + shift, p.stage().equals(probeName) ? probeName : warmupName));
            }
            engine = sequential(engine, probe.engine());
        }
        RunData last = probes.get(probes.size() - 1);
        return new RunData(name, first.startTime(), last.endTime(), first.loadModel(), first.levelUnit(),
                first.target(), first.model(), first.runners(), stages, first.requestTypes(), cells, timeline,
                abortReason != null, abortReason, last.datasets(), engine, first.targetDetails());
    }

    /** The same loops ran one probe after the other: their lag histograms merge, the loop count stays. */
    private static EngineData sequential(EngineData sofar, EngineData next) {
        if (sofar == null || next == null) {
            return sofar == null ? next : sofar;
        }
        return sofar.plus(next).withEventLoops(Math.max(sofar.eventLoops(), next.eventLoops()));
    }
}
