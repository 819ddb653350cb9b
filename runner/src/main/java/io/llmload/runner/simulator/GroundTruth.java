package io.llmload.runner.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Completed requests as the simulator saw them. Thread-safe. Bounded (oldest entries are dropped past the capacity)
 * so that a long soak against the simulator does not grow memory without limit; capacity 0 records nothing (the
 * default: see {@link SimulatorConfig#groundTruthCapacity}).
 */
public final class GroundTruth {

    public static final int DEFAULT_CAPACITY = 200_000;

    private final int capacity;
    private final ArrayDeque<RequestTruth> ordered = new ArrayDeque<>();
    private final Map<String, RequestTruth> byId = new HashMap<>();

    public GroundTruth() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity requests kept; 0: none */
    public GroundTruth(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more");
        }
        this.capacity = capacity;
    }

    /** Whether anything is recorded (capacity above 0). */
    public boolean recording() {
        return capacity > 0;
    }

    synchronized void record(RequestTruth truth) {
        if (capacity == 0) {
            return;
        }
        if (ordered.size() >= capacity) {
            RequestTruth evicted = ordered.pollFirst();
            // Only unmap if a later request did not reuse the same id.
            byId.remove(evicted.requestId(), evicted);
        }
        ordered.addLast(truth);
        byId.put(truth.requestId(), truth);
    }

    /** The latest completed request with this id. */
    public synchronized Optional<RequestTruth> find(String requestId) {
        return Optional.ofNullable(byId.get(requestId));
    }

    /** Completed requests in completion order. */
    public synchronized List<RequestTruth> all() {
        return new ArrayList<>(ordered);
    }

    public synchronized int size() {
        return ordered.size();
    }

    public synchronized void clear() {
        ordered.clear();
        byId.clear();
    }
}
