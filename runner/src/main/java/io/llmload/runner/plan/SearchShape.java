package io.llmload.runner.plan;

import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.Ratios;
import io.llmload.runner.spec.ShapeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * search: a capacity search. Probes of {@code duration} (each after load.warmup) start at {@code from}, grow by
 * {@code growth} while the SLO holds, then bisect between the last level that held and the first that failed until
 * the bracket is within {@code precision} or the budget ({@code maxProbes}, {@code maxDuration}) is spent. The
 * levels depend on what each probe measured, so the shape expands only to its first probe; {@link SearchPlan}
 * builds the others as the search goes.
 */
final class SearchShape implements LoadShape {

    @Override
    public String name() {
        return "search";
    }

    @Override
    public void check(ShapeSpec shape, Fields fields) {
        fields.level("from", shape.from());
        if (shape.from() != null && shape.from() == 0) {
            fields.problem("from", "the first probe needs load: give a level > 0");
        }
        fields.duration("duration", shape.duration());
        if (shape.to() != null && (!(shape.to() > 0) || fields.wholeLevels() && shape.to() != Math.rint(shape.to())
                || shape.from() != null && shape.to() < shape.from())) {
            fields.problem("to", "the highest level to probe: a " + (fields.wholeLevels() ? "whole number " : "")
                    + "not below from, or remove it");
        }
        if (shape.growth() != null && !(shape.growth() > 1 && shape.growth() <= SearchPlan.MAX_GROWTH)) {
            fields.problem("growth", "must be above 1 and at most " + (int) SearchPlan.MAX_GROWTH + ", e.g. 2");
        }
        if (shape.precision() != null) {
            Optional<Double> precision = Ratios.parse(shape.precision());
            if (precision.isEmpty() || !(precision.get() >= SearchPlan.MIN_PRECISION) || precision.get() >= 1) {
                fields.problem("precision", "'" + shape.precision() + "' must be a percentage from 0.5% to below "
                        + "100%, e.g. 5%");
            }
        }
        if (shape.maxProbes() != null && (shape.maxProbes() < 1 || shape.maxProbes() > SearchPlan.MAX_PROBES)) {
            fields.problem("maxProbes", "must be from 1 to " + SearchPlan.MAX_PROBES);
        }
        if (shape.repeats() != null && (shape.repeats() < 0 || shape.repeats() > SearchPlan.MAX_REPEATS)) {
            fields.problem("repeats", "must be from 0 to " + SearchPlan.MAX_REPEATS);
        } else if (shape.repeats() != null && shape.maxProbes() != null && shape.repeats() >= shape.maxProbes()) {
            fields.problem("repeats", "leaves no probe for the search: keep it below maxProbes");
        }
        if (shape.maxDuration() != null) {
            Optional<Duration> max = Durations.parse(shape.maxDuration());
            Optional<Duration> probe = Durations.parse(shape.duration() == null ? "" : shape.duration());
            if (max.isEmpty()) {
                fields.problem("maxDuration", "'" + shape.maxDuration() + "' " + Durations.HINT);
            } else if (probe.isPresent() && max.get().compareTo(probe.get()) < 0) {
                fields.problem("maxDuration", "is shorter than one probe (duration " + shape.duration()
                        + ", plus load.warmup): raise it or remove it");
            }
        }
        for (String other : foreignFields(shape)) {
            fields.problem(other, "not a field of type search: remove it (see docs/capacity.md)");
        }
    }

    @Override
    public List<StageTemplate> expand(ShapeSpec shape) {
        return List.of(LoadShape.flat(SearchPlan.probeName(1), shape.duration(), shape.from()));
    }

    private static List<String> foreignFields(ShapeSpec shape) {
        List<String> set = new java.util.ArrayList<>();
        if (shape.step() != null) {
            set.add("step");
        }
        if (shape.every() != null) {
            set.add("every");
        }
        if (shape.peak() != null) {
            set.add("peak");
        }
        if (shape.level() != null) {
            set.add("level");
        }
        if (shape.peakDuration() != null) {
            set.add("peakDuration");
        }
        return set;
    }
}
