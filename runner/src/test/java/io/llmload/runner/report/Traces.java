package io.llmload.runner.report;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import java.util.SplittableRandom;

/** Hand-made requests for report tests. */
final class Traces {

    static final long T0 = 1_000_000_000L;
    static final long MS = 1_000_000L;

    private Traces() {
    }

    /** A streamed success: TTFT {@code ttftMs}, a second chunk 20 ms later, last byte 100 ms after the first. */
    static RequestTrace ok(double ttftMs) {
        RequestTrace t = new RequestTrace("ok", 0, T0, true, 10);
        t.sent(T0);
        long first = T0 + Math.round(ttftMs * MS);
        t.content(first, 1);
        t.content(first + 20 * MS, 1);
        t.succeeded(first + 100 * MS);
        return t;
    }

    static RequestTrace failed(ErrorClass errorClass) {
        RequestTrace t = new RequestTrace("err", 0, T0, true, 10);
        t.sent(T0);
        if (errorClass == ErrorClass.RATE_LIMITED) {
            t.retryAfter(2);
        }
        t.failed(T0 + 5 * MS, errorClass, "boom");
        return t;
    }

    static RequestTrace interrupted() {
        RequestTrace t = new RequestTrace("cut", 0, T0, true, 10);
        t.sent(T0);
        t.interrupted(T0 + 50 * MS);
        return t;
    }

    /** Adds {@code n} successes of the same TTFT to each of the cells. */
    static void addOk(int n, double ttftMs, CellStats... cells) {
        for (int i = 0; i < n; i++) {
            RequestTrace t = ok(ttftMs);
            for (CellStats c : cells) {
                c.record(t);
            }
        }
    }

    static void add(RequestTrace t, CellStats... cells) {
        for (CellStats c : cells) {
            c.record(t);
        }
    }

    /** A random request: lognormal-ish TTFT from 1 ms to ~20 s, some errors and interruptions. */
    static RequestTrace random(SplittableRandom random) {
        int fate = random.nextInt(100);
        if (fate < 3) {
            return failed(ErrorClass.values()[random.nextInt(ErrorClass.values().length)]);
        }
        if (fate < 4) {
            return interrupted();
        }
        return ok(Math.exp(random.nextDouble() * 10));
    }
}
