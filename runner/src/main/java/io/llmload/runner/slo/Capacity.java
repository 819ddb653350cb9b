package io.llmload.runner.slo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * report.json's {@code capacity}: the highest level up to which the service met its SLO, where it saturated,
 * how p95 latency grew with load, and all of it as one sentence for people (seed 003: "This configuration supports
 * N concurrent users at our SLO").
 *
 * @param maxUsersAtSlo closed model: the highest users level of a stage at SLO
 * @param maxRateAtSlo open model: the highest arrival rate (req/s) of a stage at SLO
 * @param stageAtSlo the stage that level comes from
 * @param search how a capacity search ({@code load.shape.type: search}) found the level, absent otherwise
 * @param plan the replicas and cost of {@code spec.plan}'s target, absent without it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Capacity(Integer maxUsersAtSlo, Double maxRateAtSlo, String stageAtSlo, Saturation saturatedAt,
        String ttftP95Growth, String e2eP95Growth, String summary, SearchResult search, ReplicaPlan plan) {

    public static final String USERS = "users";

    @JsonCreator
    public Capacity {
    }

    /** Capacity read off the stages of a plan (no search). */
    public Capacity(Integer maxUsersAtSlo, Double maxRateAtSlo, String stageAtSlo, Saturation saturatedAt,
            String ttftP95Growth, String e2eP95Growth, String summary) {
        this(maxUsersAtSlo, maxRateAtSlo, stageAtSlo, saturatedAt, ttftP95Growth, e2eP95Growth, summary, null, null);
    }

    /** The same capacity found by a search: the search's answer becomes the summary. */
    public Capacity withSearch(SearchResult result) {
        return new Capacity(maxUsersAtSlo, maxRateAtSlo, stageAtSlo, saturatedAt, ttftP95Growth, e2eP95Growth,
                result.summary(), result, plan);
    }

    /** The same capacity with a replica and cost plan. */
    public Capacity withPlan(ReplicaPlan replicaPlan) {
        return new Capacity(maxUsersAtSlo, maxRateAtSlo, stageAtSlo, saturatedAt, ttftP95Growth, e2eP95Growth,
                summary, search, replicaPlan);
    }

    /**
     * @param stages the levels held, in run order: the measured flat stages, and each ramp as its judgement windows
     *     (whose level is the lowest the window held), so that the claim never exceeds a level that was held
     * @param atSlo whether a stage met the SLO (every target met and not in Breach; see ReportBuilder)
     * @param levelUnit "users" (closed model) or "req/s" (open model)
     */
    public static Capacity of(List<Aggregate> stages, Predicate<Aggregate> atSlo, String levelUnit) {
        // A level counts only if no stage at or below it missed the SLO: a lucky stage above the first failure (a
        // spike test coming back down, or noise at the edge) must not raise the capacity claim.
        double firstFailure = Double.POSITIVE_INFINITY;
        for (Aggregate stage : stages) {
            if (stage.requests() > 0 && stage.level() != null && !atSlo.test(stage)) {
                firstFailure = Math.min(firstFailure, stage.level());
            }
        }
        Aggregate best = null;
        for (Aggregate stage : stages) {
            // Ties keep the later stage: it held the level for longer into the run.
            if (stage.requests() > 0 && stage.level() != null && stage.level() < firstFailure && atSlo.test(stage)
                    && (best == null || stage.level() >= best.level())) {
                best = stage;
            }
        }
        Saturation saturation = Saturation.find(stages).orElse(null);
        boolean users = USERS.equals(levelUnit);
        Integer maxUsers = best != null && users ? (int) Math.round(best.level()) : null;
        Double maxRate = best != null && !users ? best.level() : null;
        return new Capacity(maxUsers, maxRate, best == null ? null : best.name(), saturation,
                growth(stages, Aggregate::ttftMs), growth(stages, Aggregate::e2eMs),
                sentence(best, saturation, stages, levelUnit));
    }

    private static String growth(List<Aggregate> stages, Function<Aggregate, Percentiles> metric) {
        List<GrowthPattern.Point> points = new ArrayList<>();
        for (Aggregate stage : stages) {
            Percentiles p = metric.apply(stage);
            if (stage.requests() > 0 && stage.level() != null && p != null) {
                points.add(new GrowthPattern.Point(stage.level(), p.p95()));
            }
        }
        GrowthPattern pattern = GrowthPattern.classify(points);
        return pattern == null ? null : pattern.label();
    }

    /** E.g. "holds 32 concurrent users at SLO (saturates at 48 users: p95 E2E 2.60x the baseline)". */
    static String sentence(Aggregate best, Saturation saturation, List<Aggregate> stages, String levelUnit) {
        boolean users = USERS.equals(levelUnit);
        String head = best == null ? "no stage met every SLO target"
                : "holds " + level(best.level()) + (users ? " concurrent users" : " " + levelUnit) + " at SLO";
        if (saturation != null) {
            return head + " (saturates at " + level(saturation.level()) + " " + levelUnit + ": " + saturation.reason()
                    + ")";
        }
        double top = stages.stream().filter(s -> s.level() != null).mapToDouble(Aggregate::level).max().orElse(0);
        return head + " (no saturation up to " + level(top) + " " + levelUnit + ")";
    }

    /** A level as reports write it: whole numbers without decimals, others with one. */
    public static String formatLevel(double level) {
        return level(level);
    }

    private static String level(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : String.format(Locale.ROOT, "%.1f", level);
    }
}
