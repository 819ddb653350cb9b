package io.llmload.runner.plan;

import io.llmload.runner.spec.ShapeSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A load-shape shortcut ({@code spec.load.shape}): which of its fields it needs, and the stages it expands to. One
 * class per shape, registered here under its {@code type}: a new shape is one class and one line below.
 */
public interface LoadShape {

    /** Every shape by its {@code type}. */
    Map<String, LoadShape> BY_NAME = byName(new StepShape(), new RampShape(), new SpikeShape(), new SoakShape(),
            new SearchShape());

    /** A shape never expands to more stages than this (a typo like step: 0.001 must not build a huge plan). */
    int MAX_STAGES = 1_000;

    String name();

    /** Reports what is missing or wrong in the shape's fields to {@code fields}. */
    void check(ShapeSpec shape, Fields fields);

    /** The stages of a valid shape, in order. */
    List<StageTemplate> expand(ShapeSpec shape);

    static Optional<LoadShape> named(String type) {
        return Optional.ofNullable(type == null ? null : BY_NAME.get(type));
    }

    static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** How a shape reports on its fields (the manifest validator implements it). */
    interface Fields {

        /** A level field: required, >= 0, a whole number of users in the closed model. */
        void level(String field, Double value);

        /** A required duration field. */
        void duration(String field, String value);

        void problem(String field, String message);

        /** The closed model counts whole users. */
        boolean wholeLevels();
    }

    /** A flat stage. */
    static StageTemplate flat(String name, String duration, double level) {
        return new StageTemplate(name, duration, level, level);
    }

    private static Map<String, LoadShape> byName(LoadShape... shapes) {
        Map<String, LoadShape> map = new LinkedHashMap<>();
        for (LoadShape shape : shapes) {
            map.put(shape.name(), shape);
        }
        return Collections.unmodifiableMap(map);
    }
}
