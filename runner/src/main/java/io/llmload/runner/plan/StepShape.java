package io.llmload.runner.plan;

import io.llmload.runner.spec.ShapeSpec;
import java.util.ArrayList;
import java.util.List;

/** step: flat stages from {@code from} up by {@code step} every {@code every}, the last one exactly at {@code to}. */
final class StepShape implements LoadShape {

    @Override
    public String name() {
        return "step";
    }

    @Override
    public void check(ShapeSpec shape, Fields fields) {
        fields.level("from", shape.from());
        fields.level("to", shape.to());
        if (shape.step() == null || !(shape.step() > 0)
                || fields.wholeLevels() && shape.step() != Math.rint(shape.step())) {
            fields.problem("step", "required: the increment per step, > 0");
        }
        fields.duration("every", shape.every());
        if (shape.from() != null && shape.to() != null && shape.to() < shape.from()) {
            fields.problem("to", "must not be below from");
        } else if (shape.from() != null && shape.to() != null && shape.step() != null && shape.step() > 0
                && (shape.to() - shape.from()) / shape.step() >= MAX_STAGES) {
            fields.problem("step", "expands to more than " + MAX_STAGES + " steps: use a larger step");
        }
    }

    @Override
    public List<StageTemplate> expand(ShapeSpec shape) {
        List<StageTemplate> stages = new ArrayList<>();
        // from, from+step, ... and finally exactly `to` (the last step is cut to land on it).
        double level = shape.from();
        while (level < shape.to() - 1e-9 && stages.size() < MAX_STAGES - 1) {
            stages.add(LoadShape.flat("step-" + (stages.size() + 1), shape.every(), level));
            level += shape.step();
        }
        stages.add(LoadShape.flat("step-" + (stages.size() + 1), shape.every(), shape.to()));
        return stages;
    }
}
