package io.llmload.runner.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Failed requests counted by {@link ErrorClass}; merges by adding, serializes as a map keyed like report.json. */
public final class ErrorTally {

    private final long[] counts = new long[ErrorClass.values().length];

    void count(ErrorClass errorClass) {
        counts[errorClass.ordinal()]++;
    }

    void add(ErrorTally other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    public long get(ErrorClass errorClass) {
        return counts[errorClass.ordinal()];
    }

    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Every class, in report order, zeros included. */
    Map<String, Long> toMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (ErrorClass c : ErrorClass.values()) {
            map.put(c.key(), counts[c.ordinal()]);
        }
        return map;
    }

    /** Classes missing from {@code map} (or a null map) count 0. */
    static ErrorTally fromMap(Map<String, Long> map) {
        ErrorTally tally = new ErrorTally();
        if (map != null) {
            for (ErrorClass c : ErrorClass.values()) {
                tally.counts[c.ordinal()] = map.getOrDefault(c.key(), 0L);
            }
        }
        return tally;
    }
}
