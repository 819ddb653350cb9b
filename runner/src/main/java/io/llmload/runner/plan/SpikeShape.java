package io.llmload.runner.plan;

import io.llmload.runner.spec.ShapeSpec;
import java.util.List;

/** spike: {@code from} for {@code duration}, {@code peak} for {@code peakDuration}, then {@code from} again. */
final class SpikeShape implements LoadShape {

    @Override
    public String name() {
        return "spike";
    }

    @Override
    public void check(ShapeSpec shape, Fields fields) {
        fields.level("from", shape.from());
        fields.level("peak", shape.peak());
        fields.duration("duration", shape.duration());
        fields.duration("peakDuration", shape.peakDuration());
    }

    @Override
    public List<StageTemplate> expand(ShapeSpec shape) {
        return List.of(LoadShape.flat("before", shape.duration(), shape.from()),
                LoadShape.flat("spike", shape.peakDuration(), shape.peak()),
                LoadShape.flat("after", shape.duration(), shape.from()));
    }
}
