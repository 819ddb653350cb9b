package io.llmload.runner.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

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
    /** Per cell, the last interval (count of flips so far) it recorded anything in; -1: never. */
    private final int[][] touched;
    private int interval;
    /**
     * Each total cell in its serialized form, kept until an interval adds to it: a snapshot encodes only the cells
     * that changed (a test with hundreds of stages and many request types has thousands of cells, nearly all of
     * them finished or not started, and encoding every histogram of every cell at each poll blocked the engine's
     * event loop for seconds).
     */
    private final CellData[][] totalsData;
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
        this.touched = new int[stages.size()][types.size()];
        for (int[] row : touched) {
            Arrays.fill(row, -1);
        }
        this.totalsData = new CellData[stages.size()][types.size()];
    }

    /** A first attempt. */
    public void record(int stageIndex, RequestTrace trace) {
        touch(stageIndex, trace.typeIndex()).record(trace, goodput);
    }

    /** A retry attempt, in the cell of its request's first attempt (stage of the first intended time). */
    public void recordRetryAttempt(int stageIndex, RequestTrace attempt) {
        touch(stageIndex, attempt.typeIndex()).recordRetryAttempt(attempt);
    }

    /** A retried request that will not be retried again. */
    public void recordRetriedRequest(int stageIndex, long firstIntendedNanos, RequestTrace last) {
        touch(stageIndex, last.typeIndex()).recordRetriedRequest(firstIntendedNanos, last);
    }

    /** Adds a composite user request that ended, in the stage of its first step's intended time. */
    public void recordUserRequest(int stageIndex, UserRequestTrace trace) {
        touch(stageIndex, trace.cellIndex()).recordUserRequest(trace);
    }

    /** Closes the current interval: returns it and adds it to the totals. */
    public Interval flip() {
        CellStats[][] closed = current;
        current = newGrid();
        interval++;
        for (int s = 0; s < stages.size(); s++) {
            for (int t = 0; t < types.size(); t++) {
                if (!closed[s][t].isEmpty()) {
                    totals[s][t].add(closed[s][t]);
                    totalsData[s][t] = null;
                }
            }
        }
        return new Interval(closed);
    }

    /** Totals per cell, in the serialized form (every cell, including empty ones). */
    public List<CellData> totalsData() {
        List<CellData> cells = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            for (int t = 0; t < types.size(); t++) {
                cells.add(totalData(s, t));
            }
        }
        return cells;
    }

    /** Totals plus the interval in progress, per cell, without closing the interval (for live snapshots). */
    public List<CellData> snapshotData() {
        return snapshotData(-1);
    }

    /**
     * Like {@link #snapshotData()}, but only the cells that recorded something in interval {@code sinceInterval}
     * or later (every cell when negative): what changed since a reader that saw {@link #interval()} then. Cells are
     * cumulative, so a reader replaces its copies and never counts anything twice.
     */
    public List<CellData> snapshotData(int sinceInterval) {
        List<CellData> cells = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            for (int t = 0; t < types.size(); t++) {
                if (sinceInterval >= 0 && touched[s][t] < sinceInterval) {
                    continue;
                }
                if (current[s][t].isEmpty()) {
                    cells.add(totalData(s, t));
                    continue;
                }
                CellStats cell = new CellStats();
                cell.add(totals[s][t]);
                cell.add(current[s][t]);
                cells.add(cell.toData(stages.get(s), types.get(t)));
            }
        }
        return cells;
    }

    private CellData totalData(int s, int t) {
        if (totalsData[s][t] == null) {
            totalsData[s][t] = totals[s][t].toData(stages.get(s), types.get(t));
        }
        return totalsData[s][t];
    }

    /** The interval now open (the number of flips so far): a reader's cursor for {@link #snapshotData(int)}. */
    public int interval() {
        return interval;
    }

    /** Totals of one stage over all request types. */
    public CellStats stageTotal(int stageIndex) {
        CellStats sum = new CellStats();
        for (CellStats cell : totals[stageIndex]) {
            sum.add(cell);
        }
        return sum;
    }

    private CellStats touch(int stage, int type) {
        touched[stage][type] = interval;
        return current[stage][type];
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
            CellStats sum = new CellStats();
            for (CellStats[] row : cells) {
                for (CellStats cell : row) {
                    sum.add(cell);
                }
            }
            return sum;
        }
    }
}
