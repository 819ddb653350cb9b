package io.llmload.runner.regression;

import io.llmload.runner.compare.RunFigures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures a run is judged against, which runs they come from, and a sentence saying so — or, when the history
 * cannot provide them, why ({@link #insufficientHistory}): too few runs is a refusal to judge, never a pass.
 */
public record Baseline(String description, List<String> runIds, RunFigures figures, String insufficientHistory) {

    public static Baseline of(String description, List<String> runIds, RunFigures figures) {
        return new Baseline(description, List.copyOf(runIds), figures, null);
    }

    public static Baseline insufficient(String reason) {
        return new Baseline(null, List.of(), null, reason);
    }

    public boolean available() {
        return figures != null;
    }

    /** @param newestFirst earlier runs of the test, the latest first (the run being judged is not among them) */
    public static Baseline select(RegressionPolicy policy, List<HistoryRun> newestFirst) {
        List<HistoryRun> passed = newestFirst.stream().filter(HistoryRun::passed).toList();
        switch (policy.baseline()) {
            case PINNED:
                return newestFirst.stream().filter(r -> r.id().equals(policy.pinnedRun())).findFirst()
                        .map(r -> of("the pinned run " + r.id(), List.of(r.id()), r.figures()))
                        .orElseGet(() -> insufficient("the pinned run " + policy.pinnedRun()
                                + " is not in the history"));
            case MEDIAN:
                if (passed.size() < policy.runs()) {
                    return insufficient(passed.size() + " passing run" + (passed.size() == 1 ? "" : "s")
                            + " in the history, the median needs " + policy.runs());
                }
                List<HistoryRun> last = passed.subList(0, policy.runs());
                return of("the median of the last " + policy.runs() + " passing runs", last.stream().map(HistoryRun::id)
                        .toList(), median(last.stream().map(HistoryRun::figures).toList()));
            default:
                if (passed.isEmpty()) {
                    return insufficient("no passing run in the history yet");
                }
                HistoryRun previous = passed.get(0);
                return of("the previous passing run " + previous.id(), List.of(previous.id()), previous.figures());
        }
    }

    /** Per metric, the median of the runs that have it (the mean of the middle two for an even count). */
    static RunFigures median(List<RunFigures> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.values().keySet()));
        Map<String, Double> values = new HashMap<>();
        for (String key : keys) {
            List<Double> sorted = new ArrayList<>();
            runs.forEach(r -> {
                if (r.value(key) != null) {
                    sorted.add(r.value(key));
                }
            });
            sorted.sort(null);
            int n = sorted.size();
            values.put(key, n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
        }
        Set<String> units = new LinkedHashSet<>();
        runs.forEach(r -> units.add(r.levelUnit() == null ? "" : r.levelUnit()));
        String unit = units.size() == 1 && !units.contains("") ? units.iterator().next() : null;
        return new RunFigures(values, unit, List.of());
    }
}
