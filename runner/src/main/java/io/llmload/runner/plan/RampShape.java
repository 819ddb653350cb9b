package io.llmload.runner.plan;

import io.llmload.runner.spec.ShapeSpec;
import java.util.List;

/** ramp: one stage going linearly from {@code from} to {@code to} over {@code duration}. */
final class RampShape implements LoadShape {

    @Override
    public String name() {
        return "ramp";
    }

    @Override
    public void check(ShapeSpec shape, Fields fields) {
        fields.level("from", shape.from());
        fields.level("to", shape.to());
        fields.duration("duration", shape.duration());
    }

    @Override
    public List<StageTemplate> expand(ShapeSpec shape) {
        return List.of(new StageTemplate("ramp", shape.duration(), shape.from(), shape.to()));
    }
}
