package io.llmload.runner.capacity;

import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.ProbeOutcome;
import io.llmload.runner.slo.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Puts a finished search into words for report.json, the summary and report.html: the answer with its bracket and
 * limiting metric, and the probe sequence ("grew 8 → 16 → 32 users; 32 failed on ITL p95; bisected to 24 (held),
 * 28 (failed)").
 */
final class SearchExplanation {

    private SearchExplanation() {
    }

    /** @param stoppedEarly why the search was stopped from outside (Ctrl-C), or null */
    static SearchResult of(Bisection search, List<ProbeOutcome> probes, String levelUnit, double precision,
            int maxProbes, String stoppedEarly) {
        String stopReason = stoppedEarly != null ? "stopped early: " + stoppedEarly : search.stopReason();
        boolean users = Capacity.USERS.equals(levelUnit);
        String limit = probes.stream().filter(p -> !p.held() && search.failed() != null
                && p.level() == search.failed() && !Bisection.Phase.REPEAT.label().equals(p.phase()))
                .map(ProbeOutcome::limitMetric).findFirst().orElse(null);
        return new SearchResult(levelUnit, search.held(), search.failed(), limit, precision, search.converged(),
                maxProbes, search.repeatsRun(), search.repeatsHeld(), stopReason,
                explanation(probes, levelUnit, stopReason),
                summary(search, limit, users, levelUnit, stopReason), List.copyOf(probes));
    }

    /** E.g. "holds 24–28 concurrent users at SLO (ITL p95 was the limit; the edge held 3 of 3 times)". */
    static String summary(Bisection search, String limit, boolean users, String unit, String stopReason) {
        String what = users ? " concurrent users" : " " + unit;
        Double held = search.held();
        Double failed = search.failed();
        List<String> notes = new ArrayList<>();
        String head;
        if (held == null && failed == null) {
            head = "no probe ran";
        } else if (held == null) {
            head = "no probe held the SLO (lowest tried: " + level(failed) + what + ")";
        } else if (failed == null) {
            head = "holds at least " + level(held) + what + " at SLO";
            notes.add("no probe failed");
        } else {
            head = "holds " + level(held) + "–" + level(failed) + what + " at SLO";
        }
        if (limit != null && held != null) {
            notes.add(limit + " was the limit");
        }
        if (search.repeatsRun() > 0) {
            notes.add("the edge held " + (search.repeatsHeld() + 1) + " of " + (search.repeatsRun() + 1) + " times");
        }
        if (held != null && failed != null && !search.converged()) {
            notes.add("bracket wider than asked: " + stopReason);
        }
        return notes.isEmpty() ? head : head + " (" + String.join("; ", notes) + ")";
    }

    /** The sequence of probes in words, phase by phase. */
    static String explanation(List<ProbeOutcome> probes, String unit, String stopReason) {
        List<String> parts = new ArrayList<>();
        List<ProbeOutcome> grew = phase(probes, Bisection.Phase.GROW);
        if (!grew.isEmpty()) {
            String levels = grew.stream().map(p -> level(p.level())).collect(Collectors.joining(" → "));
            parts.add((grew.size() == 1 ? "started at " : "grew ") + levels + " " + unit);
            grew.stream().filter(p -> !p.held()).findFirst()
                    .ifPresent(p -> parts.add(level(p.level()) + " failed on " + p.limitMetric()));
        }
        List<ProbeOutcome> shrank = phase(probes, Bisection.Phase.SHRINK);
        if (!shrank.isEmpty()) {
            parts.add("shrank to " + outcomes(shrank));
        }
        List<ProbeOutcome> bisected = phase(probes, Bisection.Phase.BISECT);
        if (!bisected.isEmpty()) {
            parts.add("bisected to " + outcomes(bisected));
        }
        List<ProbeOutcome> repeated = phase(probes, Bisection.Phase.REPEAT);
        if (!repeated.isEmpty()) {
            long held = repeated.stream().filter(ProbeOutcome::held).count();
            parts.add("repeated " + level(repeated.get(0).level()) + " " + repeated.size() + " time"
                    + (repeated.size() == 1 ? "" : "s") + ": held " + held + " of " + repeated.size());
        }
        if (stopReason != null) {
            parts.add("stopped: " + stopReason);
        }
        return String.join("; ", parts);
    }

    private static List<ProbeOutcome> phase(List<ProbeOutcome> probes, Bisection.Phase phase) {
        return probes.stream().filter(p -> phase.label().equals(p.phase())).toList();
    }

    private static String outcomes(List<ProbeOutcome> probes) {
        return probes.stream().map(p -> level(p.level()) + " (" + (p.held() ? "held" : "failed") + ")")
                .collect(Collectors.joining(", "));
    }

    private static String level(double value) {
        return Capacity.formatLevel(value);
    }
}
