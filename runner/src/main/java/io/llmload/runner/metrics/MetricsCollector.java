package io.llmload.runner.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Records finished requests into per-interval cells (row × request type, a row being a stage or a ramp's window,
 * see {@link CellRow}) and folds each closed interval into the
 * running totals, so the interval series always sums to the total. Confined to the engine's control loop: no locks.
 * Encoding histograms for shipping is slow, so the snapshot methods copy the cells now and leave the encoding to
 * whichever thread calls the returned supplier. A reader that polls passes the cursor of its previous answer and
 * gets only the cells that changed since (still cumulative, so it replaces its copies and never counts twice).
 */
public final class MetricsCollector {

    private final List<CellRow> rows;
    private final List<String> types;
    private final Set<String> userRequestTypes;
    private CellStats[][] current;
    private final CellStats[][] totals;
    /** Per cell, the last interval (count of flips so far) it recorded anything in; -1: never. */
    private final int[][] touched;
    private int interval;
    private final GoodputThresholds goodput;

    /** One row per stage. */
    public MetricsCollector(List<String> stages, List<String> types) {
        this(stages.stream().map(CellRow::of).toList(), types, Set.of(), GoodputThresholds.NONE);
    }

    /**
     * @param userRequestTypes the composite types, whose cells report per-user-request figures (zero included)
     * @param goodput the per-request limits a success must meet to count as good
     */
    public MetricsCollector(List<CellRow> rows, List<String> types, Set<String> userRequestTypes,
            GoodputThresholds goodput) {
        this.rows = List.copyOf(rows);
        this.types = List.copyOf(types);
        this.userRequestTypes = Set.copyOf(userRequestTypes);
        this.goodput = goodput;
        this.current = newGrid();
        this.totals = newGrid();
        this.touched = new int[this.rows.size()][this.types.size()];
        for (int[] row : touched) {
            Arrays.fill(row, -1);
        }
    }

    /** A first attempt, in row {@code row} (the one of its intended send time). */
    public void record(int row, RequestTrace trace) {
        touch(row, trace.typeIndex()).record(trace, goodput);
    }

    /** A retry attempt, in the cell of its request's first attempt (row of the first intended time). */
    public void recordRetryAttempt(int row, RequestTrace attempt) {
        touch(row, attempt.typeIndex()).recordRetryAttempt(attempt);
    }

    /** A retried request that will not be retried again. */
    public void recordRetriedRequest(int row, long firstIntendedNanos, RequestTrace last) {
        touch(row, last.typeIndex()).recordRetriedRequest(firstIntendedNanos, last);
    }

    /** Adds a composite user request that ended, in the row of its first step's intended time. */
    public void recordUserRequest(int row, UserRequestTrace trace) {
        touch(row, trace.cellIndex()).recordUserRequest(trace);
    }

    /** Closes the current interval: returns it and adds it to the totals. */
    public Interval flip() {
        CellStats[][] closed = current;
        current = newGrid();
        interval++;
        for (int r = 0; r < rows.size(); r++) {
            for (int t = 0; t < types.size(); t++) {
                if (!closed[r][t].isEmpty()) {
                    totals[r][t].add(closed[r][t]);
                }
            }
        }
        return new Interval(closed, rows);
    }

    /** Totals per cell, in the serialized form (every cell, including empty ones). */
    public List<CellData> totalsData() {
        return copy(false, -1).get();
    }

    /** Totals plus the interval in progress, per cell, without closing the interval (for live snapshots). */
    public List<CellData> snapshotData() {
        return copy(true, -1).get();
    }

    /**
     * Copies the totals (plus the interval in progress when {@code withCurrent}) now; the supplier encodes the copy,
     * on any thread. With {@code sinceInterval} ≥ 0 only the cells that recorded something in that interval or later:
     * what changed since a reader that saw {@link #interval()} then (every cell when negative).
     */
    public Supplier<List<CellData>> copy(boolean withCurrent, int sinceInterval) {
        CellStats[][] copies = new CellStats[rows.size()][types.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int t = 0; t < types.size(); t++) {
                if (sinceInterval >= 0 && touched[r][t] < sinceInterval) {
                    continue;
                }
                CellStats cell = new CellStats();
                cell.add(totals[r][t]);
                if (withCurrent) {
                    cell.add(current[r][t]);
                }
                copies[r][t] = cell;
            }
        }
        return () -> {
            List<CellData> cells = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                for (int t = 0; t < types.size(); t++) {
                    if (copies[r][t] != null) {
                        cells.add(copies[r][t].toData(rows.get(r), types.get(t)));
                    }
                }
            }
            return cells;
        };
    }

    /** The interval now open (the number of flips so far): a reader's cursor for {@link #copy(boolean, int)}. */
    public int interval() {
        return interval;
    }

    /** Totals of one stage (all its rows) over all request types. */
    public CellStats stageTotal(String stage) {
        CellStats sum = new CellStats();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).stage().equals(stage)) {
                for (CellStats cell : totals[r]) {
                    sum.add(cell);
                }
            }
        }
        return sum;
    }

    private CellStats touch(int row, int type) {
        touched[row][type] = interval;
        return current[row][type];
    }

    private CellStats[][] newGrid() {
        CellStats[][] grid = new CellStats[rows.size()][types.size()];
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
        private final List<CellRow> rows;

        Interval(CellStats[][] cells, List<CellRow> rows) {
            this.cells = cells;
            this.rows = rows;
        }

        public CellStats cell(int row, int type) {
            return cells[row][type];
        }

        /** All cells of the interval merged. */
        public CellStats merged() {
            return merged(row -> true);
        }

        /** The cells of the rows that {@code rows} accepts, merged. */
        public CellStats merged(Predicate<CellRow> accepted) {
            CellStats sum = new CellStats();
            for (int r = 0; r < cells.length; r++) {
                if (accepted.test(rows.get(r))) {
                    for (CellStats cell : cells[r]) {
                        sum.add(cell);
                    }
                }
            }
            return sum;
        }
    }
}
