package io.llmload.operator.observe;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.RunData;
import io.llmload.runner.worker.WorkerProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each runner's cumulative data as of its last answer, kept between polls so the next poll asks only for what
 * changed ({@link WorkerProgress}: cells are cumulative, so replacing the copies of the changed ones keeps the exact
 * totals). Only a cache: a new operator holds nothing and its first poll fetches every cell — the totals are the
 * same. A test's reconciles never run concurrently, so one run's entries are only touched by one thread at a time.
 */
@ApplicationScoped
public class RunnerProgress {

    /** One runner's copy: the cursor to send next, its cells in the runner's order, the rest of its last answer. */
    private static final class Copy {
        String cursor;
        final Map<String, CellData> cells = new LinkedHashMap<>();
        RunData last;
    }

    /** Per run (see {@link #forget}), per pod name. */
    private final Map<String, Map<String, Copy>> runs = new ConcurrentHashMap<>();

    /** What to send as {@code since} to this runner: null when nothing is held (everything comes back). */
    String cursor(String run, RunnerPod pod) {
        Copy copy = runs.getOrDefault(run, Map.of()).get(pod.name());
        return copy == null ? null : copy.cursor;
    }

    /** Takes in one answer; returns the runner's cumulative data (every cell) as of it. */
    RunData apply(String run, RunnerPod pod, WorkerProgress progress) {
        Copy copy = runs.computeIfAbsent(run, k -> new ConcurrentHashMap<>()).computeIfAbsent(pod.name(),
                k -> new Copy());
        if (progress.full()) {
            copy.cells.clear();
        }
        for (CellData cell : progress.data().cells()) {
            copy.cells.put(cell.stage() + "\u0000" + cell.requestType(), cell);
        }
        copy.cursor = progress.cursor();
        copy.last = progress.data();
        RunData d = progress.data();
        return new RunData(d.name(), d.startTime(), d.endTime(), d.loadModel(), d.levelUnit(), d.target(), d.model(),
                d.runners(), d.stages(), d.requestTypes(), List.copyOf(copy.cells.values()), d.timeline(),
                d.aborted(), d.abortReason(), d.datasets());
    }

    /** Drops what is held for a run (it ended, or the test is gone). */
    public void forget(String run) {
        runs.remove(run);
    }

    /** How many runs are held (for tests and the benchmark). */
    int runsHeld() {
        return runs.size();
    }
}
