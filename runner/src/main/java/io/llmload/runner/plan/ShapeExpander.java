package io.llmload.runner.plan;

import io.llmload.runner.spec.ShapeSpec;
import java.util.ArrayList;
import java.util.List;

/** Expands the load-shape shortcuts (step, ramp, spike, soak) into stages. */
final class ShapeExpander {

    /** A step shape never expands to more stages than this (a typo like step: 0.001 must not build a huge plan). */
    static final int MAX_STEPS = 1_000;

    private ShapeExpander() {
    }

    static List<StageTemplate> expand(ShapeSpec shape) {
        List<StageTemplate> stages = new ArrayList<>();
        switch (shape.type()) {
            case "step":
                // from, from+step, ... and finally exactly `to` (the last step is cut to land on it).
                double level = shape.from();
                while (level < shape.to() - 1e-9 && stages.size() < MAX_STEPS - 1) {
                    stages.add(flat("step-" + (stages.size() + 1), shape.every(), level));
                    level += shape.step();
                }
                stages.add(flat("step-" + (stages.size() + 1), shape.every(), shape.to()));
                break;
            case "ramp":
                stages.add(new StageTemplate("ramp", shape.duration(), shape.from(), shape.to()));
                break;
            case "spike":
                stages.add(flat("before", shape.duration(), shape.from()));
                stages.add(flat("spike", shape.peakDuration(), shape.peak()));
                stages.add(flat("after", shape.duration(), shape.from()));
                break;
            default:
                stages.add(flat("soak", shape.duration(), shape.level()));
        }
        return stages;
    }

    private static StageTemplate flat(String name, String duration, double level) {
        return new StageTemplate(name, duration, level, level);
    }
}
