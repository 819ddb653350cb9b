package io.llmload.runner.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How open-model arrivals are spaced, as steps in cumulative intensity Λ (expected arrivals) that
 * {@link FireTimeSequence} maps back to time through the plan's rate. One class per process, registered here under
 * its {@code spec.load.arrival} name: a new process is one class and one line below.
 */
public interface ArrivalProcess {

    ArrivalProcess POISSON = new PoissonArrivals();
    ArrivalProcess CONSTANT = new ConstantArrivals();

    /** Every process by its manifest name; the first one is the default. */
    Map<String, ArrivalProcess> BY_NAME = byName(POISSON, CONSTANT);

    /** The name {@code spec.load.arrival} uses. */
    String name();

    /** Intensity before the first arrival of runner {@code share} (each runner draws from its own seed). */
    double firstStep(SplittableRandom random, RunnerShare share);

    /** Intensity between one arrival and the next. */
    double nextStep(SplittableRandom random);

    /** The process of that name; empty when there is none. */
    static Optional<ArrivalProcess> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** The process a manifest asks for (null: the default). */
    static ArrivalProcess of(String name) {
        return name == null ? BY_NAME.values().iterator().next() : named(name).orElseThrow(
                () -> new IllegalArgumentException("unknown arrival process '" + name + "': use one of " + names()));
    }

    static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static Map<String, ArrivalProcess> byName(ArrivalProcess... processes) {
        Map<String, ArrivalProcess> map = new LinkedHashMap<>();
        for (ArrivalProcess process : processes) {
            map.put(process.name(), process);
        }
        return Collections.unmodifiableMap(map);
    }
}
