package io.llmload.runner.engine;

import io.llmload.runner.metrics.Histograms;
import java.util.ArrayDeque;
import java.util.Deque;
import org.HdrHistogram.Histogram;

/**
 * The last {@code window} of closed intervals: attempt and error counts summed, TTFT histograms merged (percentiles
 * of a window come from the merged histogram, never from averaging the intervals' percentiles).
 */
final class GuardrailWindow {

    private record Slot(long endNanos, long attempts, long errors, Histogram ttft) {
    }

    private final long windowNanos;
    private final Deque<Slot> slots = new ArrayDeque<>();
    private long attempts;
    private long errors;

    GuardrailWindow(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Adds the interval that closed at {@code endNanos} (since the start) and drops those older than the window. */
    void add(long endNanos, long intervalAttempts, long intervalErrors, Histogram intervalTtft) {
        slots.addLast(new Slot(endNanos, intervalAttempts, intervalErrors, intervalTtft.copy()));
        attempts += intervalAttempts;
        errors += intervalErrors;
        while (!slots.isEmpty() && slots.peekFirst().endNanos() <= endNanos - windowNanos) {
            Slot old = slots.removeFirst();
            attempts -= old.attempts();
            errors -= old.errors();
        }
    }

    long attempts() {
        return attempts;
    }

    long errors() {
        return errors;
    }

    /** TTFT of every request in the window, one histogram. */
    Histogram ttft() {
        Histogram merged = Histograms.create();
        slots.forEach(slot -> merged.add(slot.ttft()));
        return merged;
    }
}
