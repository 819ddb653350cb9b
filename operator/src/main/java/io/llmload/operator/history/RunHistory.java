package io.llmload.operator.history;

import io.llmload.operator.api.v1alpha1.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * status.history: finished runs, the latest first, at most {@code limit} of them — plus the pinned regression
 * baseline, which is never pruned while pinned. What falls out is returned so its report goes too.
 */
public final class RunHistory {

    /** The history after adding a run, and the runs it pruned (their reports are to be deleted). */
    public record Pruned(List<RunRecord> kept, List<RunRecord> removed) {
    }

    private RunHistory() {
    }

    /**
     * @param history the current history, latest first (null: none)
     * @param run the run that just finished; replaces an entry with the same id (a retried final write)
     * @param pinnedRun the id spec.regression pins as baseline, or null
     */
    public static Pruned add(List<RunRecord> history, RunRecord run, int limit, String pinnedRun) {
        List<RunRecord> all = new ArrayList<>();
        all.add(run);
        if (history != null) {
            history.stream().filter(r -> !Objects.equals(r.id(), run.id())).forEach(all::add);
        }
        return prune(all, limit, pinnedRun);
    }

    /** The history cut to {@code limit} entries (a lowered limit applies at the next run), keeping the pinned one. */
    public static Pruned prune(List<RunRecord> latestFirst, int limit, String pinnedRun) {
        List<RunRecord> kept = new ArrayList<>();
        List<RunRecord> removed = new ArrayList<>();
        for (RunRecord r : latestFirst) {
            if (kept.size() < limit || r.id().equals(pinnedRun)) {
                kept.add(r);
            } else {
                removed.add(r);
            }
        }
        return new Pruned(List.copyOf(kept), List.copyOf(removed));
    }
}
