package io.llmload.runner.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Records finished requests into per-interval cells (stage × request type) and folds each closed interval into the
 * running totals, so the interval series always sums to the total. Confined to the engine's event loop: no locks.
 */
public final class MetricsCollector {

    private final List<String> stages;
    private final List<String> types;
    private final Set<String> userRequestTypes;
    private CellStats[][] current;
    private final CellStats[][] totals;
    private final GoodputThresholds goodput;

    public MetricsCollector(List<String> stages, List<String> types) {
        this(stages, types, Set.of(), GoodputThresholds.NONE);
    }

    /**
     * @param userRequestTypes the composite types, whose cells report per-user-request figures (zero included)
     * @param goodput the per-request limits a success must meet to count as good
     */
    public MetricsCollector(List<String> stages, List<String> types, Set<String> userRequestTypes,
            GoodputThresholds goodput) {
        this.stages = List.copyOf(stages);
        this.types = List.copyOf(types);
        this.userRequestTypes = Set.copyOf(userRequestTypes);
        this.goodput = goodput;
        this.current = newGrid();
        this.totals = newGrid();
    }

    /** A first attempt. */
    public void record(int stageIndex, RequestTrace trace) {
        current[stageIndex][trace.typeIndex()].record(trace, goodput);
    }

    /** A retry attempt, in the cell of its request's first attempt (stage of the first intended time). */
    public void recordRetryAttempt(int stageIndex, RequestTrace attempt) {
        current[stageIndex][attempt.typeIndex()].recordRetryAttempt(attempt);
    }

    /** A retried request that will not be retried again. */
    public void recordRetriedRequest(int stageIndex, long firstIntendedNanos, RequestTrace last) {
        current[stageIndex][last.typeIndex()].recordRetriedRequest(firstIntendedNanos, last);
    }

    /** Adds a composite user request that ended, in the stage of its first step's intended time. */
    public void recordUserRequest(int stageIndex, UserRequestTrace trace) {
        current[stageIndex][trace.cellIndex()].recordUserRequest(trace);
    }

    /** Closes the current interval: returns it and adds it to the totals. */
    public Interval flip() {
        CellStats[][] closed = current;
        current = newGrid();
        for (int s = 0; s < stages.size(); s++) {
            for (int t = 0; t < types.size(); t++) {
                totals[s][t].add(closed[s][t]);
            }
        }
        return new Interval(closed);
    }

    /** Totals per cell, in the serialized form (every cell, including empty ones). */
    public List<CellData> totalsData() {
        List<CellData> cells = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            for (int t = 0; t < types.size(); t++) {
                cells.add(totals[s][t].toData(stages.get(s), types.get(t)));
            }
        }
        return cells;
    }

    /** Totals plus the interval in progress, per cell, without closing the interval (for live snapshots). */
    public List<CellData> snapshotData() {
        List<CellData> cells = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            for (int t = 0; t < types.size(); t++) {
                CellStats cell = new CellStats();
                cell.add(totals[s][t]);
                cell.add(current[s][t]);
                cells.add(cell.toData(stages.get(s), types.get(t)));
            }
        }
        return cells;
    }

    /** Totals of one stage over all request types. */
    public CellStats stageTotal(int stageIndex) {
        CellStats sum = new CellStats();
        for (CellStats cell : totals[stageIndex]) {
            sum.add(cell);
        }
        return sum;
    }

    private CellStats[][] newGrid() {
        CellStats[][] grid = new CellStats[stages.size()][types.size()];
        for (CellStats[] row : grid) {
            for (int t = 0; t < row.length; t++) {
                row[t] = new CellStats();
                if (userRequestTypes.contains(types.get(t))) {
                    row[t].trackUserRequests();
                }
            }
        }
        return grid;
    }

    /** One closed interval's cells. */
    public static final class Interval {
        private final CellStats[][] cells;

        Interval(CellStats[][] cells) {
            this.cells = cells;
        }

        public CellStats cell(int stage, int type) {
            return cells[stage][type];
        }

        /** All cells of the interval merged. */
        public CellStats merged() {
            return merged(stage -> true);
        }

        /** The cells of the stages (by index) that {@code stages} accepts, merged. */
        public CellStats merged(IntPredicate stages) {
            CellStats sum = new CellStats();
            for (int s = 0; s < cells.length; s++) {
                if (stages.test(s)) {
                    for (CellStats cell : cells[s]) {
                        sum.add(cell);
                    }
                }
            }
            return sum;
        }
    }
}
