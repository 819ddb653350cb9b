package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellRow;
import io.llmload.runner.metrics.CellStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the runs of several runners of one test into one {@link RunData}: cells by (row, request type) through
 * their histograms (lossless), timelines point by point (counts, error classes and rates add up; interval
 * percentiles cannot be merged from numbers, so merged points carry none), interval cells (when kept) index by index
 * through their histograms.
 */
public final class RunDataMerger {

    private RunDataMerger() {
    }

    public static RunData merge(List<RunData> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        RunData first = runs.get(0);
        Map<CellKey, CellStats> cells = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (CellData cell : run.cells()) {
                cells.computeIfAbsent(new CellKey(cell.row(), cell.requestType()), k -> new CellStats())
                        .add(CellStats.fromData(cell));
            }
        }
        List<CellData> merged = new ArrayList<>();
        cells.forEach((key, stats) -> merged.add(stats.toData(key.row(), key.requestType())));

        String start = runs.stream().map(RunData::startTime).min(String::compareTo).orElse(first.startTime());
        String end = runs.stream().map(RunData::endTime).max(String::compareTo).orElse(first.endTime());
        String abortReason = runs.stream().map(RunData::abortReason).filter(r -> r != null).findFirst().orElse(null);
        int runners = runs.stream().mapToInt(RunData::runners).sum();
        return new RunData(first.name(), start, end, first.loadModel(), first.levelUnit(), first.target(),
                first.model(), runners, mergeStages(runs), first.requestTypes(), merged, mergeTimelines(runs),
                runs.stream().anyMatch(RunData::aborted), abortReason, mergeDatasets(runs),
                runs.stream().map(RunData::engine).filter(e -> e != null).reduce(EngineData::plus).orElse(null),
                first.targetDetails(), mergeIntervals(runs));
    }

    private record CellKey(CellRow row, String requestType) {
    }

    /** Every runner ran the same plan; an aborted one ran each stage for as long as the longest-running runner. */
    private static List<StageInfo> mergeStages(List<RunData> runs) {
        List<StageInfo> stages = new ArrayList<>(runs.get(0).stages());
        for (RunData run : runs) {
            for (int i = 0; i < Math.min(stages.size(), run.stages().size()); i++) {
                double ran = run.stages().get(i).durationSeconds();
                if (ran > stages.get(i).durationSeconds()) {
                    stages.set(i, stages.get(i).ranFor(ran));
                }
            }
        }
        return List.copyOf(stages);
    }

    /** Runners start together, so interval i of each covers the same second: their cells merge losslessly. */
    private static List<IntervalCell> mergeIntervals(List<RunData> runs) {
        int length = runs.stream().mapToInt(r -> r.intervals().size()).max().orElse(0);
        List<IntervalCell> merged = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            IntervalCell base = null;
            CellStats sum = new CellStats();
            for (RunData run : runs) {
                if (i < run.intervals().size()) {
                    IntervalCell cell = run.intervals().get(i);
                    base = base == null ? cell : base;
                    sum.add(CellStats.fromData(cell.cell()));
                }
            }
            merged.add(new IntervalCell(base.offsetSeconds(), base.seconds(),
                    sum.toData(base.cell().stage(), base.cell().requestType())));
        }
        return merged;
    }

    /**
     * Every runner reads the whole file (taking its share of the usable entries), so each sees every broken entry:
     * per request type the runner that read the most speaks for all, and the file was read completely if any did.
     */
    private static List<DatasetUsage> mergeDatasets(List<RunData> runs) {
        Map<String, DatasetUsage> byType = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (DatasetUsage usage : run.datasets()) {
                byType.merge(usage.requestType(), usage, (a, b) -> {
                    DatasetUsage most = b.usableEntries() + b.skippedEntries() > a.usableEntries() + a.skippedEntries()
                            ? b : a;
                    return new DatasetUsage(most.requestType(), most.file(), most.usableEntries(),
                            most.skippedEntries(), most.problems(), a.readCompletely() || b.readCompletely());
                });
            }
        }
        return List.copyOf(byType.values());
    }

    private static List<TimelinePoint> mergeTimelines(List<RunData> runs) {
        int length = runs.stream().mapToInt(r -> r.timeline().size()).max().orElse(0);
        List<TimelinePoint> merged = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            TimelinePoint base = null;
            long requests = 0;
            long errors = 0;
            double rps = 0;
            double tokens = 0;
            double level = 0;
            int inFlight = 0;
            Map<String, Long> errorClasses = new LinkedHashMap<>();
            for (RunData run : runs) {
                if (i < run.timeline().size()) {
                    TimelinePoint p = run.timeline().get(i);
                    base = base == null ? p : base;
                    requests += p.requests();
                    errors += p.errors();
                    rps += p.requestsPerSecond();
                    tokens += p.outputTokensPerSecond();
                    level = p.level();
                    inFlight += p.inFlight();
                    if (p.errorsByClass() != null) {
                        p.errorsByClass().forEach((c, n) -> errorClasses.merge(c, n, Long::sum));
                    }
                }
            }
            merged.add(new TimelinePoint(base.offsetSeconds(), base.stage(), level, requests, errors, rps, tokens,
                    null, null, inFlight, null, null, null, errorClasses.isEmpty() ? null : errorClasses));
        }
        return merged;
    }
}
