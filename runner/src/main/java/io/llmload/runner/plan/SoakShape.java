package io.llmload.runner.plan;

import io.llmload.runner.spec.ShapeSpec;
import java.util.List;

/** soak: one flat stage at {@code level} for {@code duration}. */
final class SoakShape implements LoadShape {

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public void check(ShapeSpec shape, Fields fields) {
        fields.level("level", shape.level());
        fields.duration("duration", shape.duration());
    }

    @Override
    public List<StageTemplate> expand(ShapeSpec shape) {
        return List.of(LoadShape.flat("soak", shape.duration(), shape.level()));
    }
}
