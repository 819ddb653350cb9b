package io.llmload.runner.report;

import static io.llmload.runner.report.TextFigures.ms;
import static io.llmload.runner.report.TextFigures.pct;

import io.llmload.runner.slo.InterruptedShare;

/**
 * The sentence on requests cut by the end of the run, for the console summary and report.html alike: they are never
 * in the percentiles of completed requests, so how many there were and how long they had run (a lower bound of
 * their latency) is said next to them.
 */
public final class InterruptedNote {

    private InterruptedNote() {
    }

    /** "3 requests cut by the end of the run (...); they had run E2E >= p50 ...", or null when none was cut. */
    public static String of(Aggregate scope) {
        if (scope.interrupted() == 0) {
            return null;
        }
        StringBuilder line = new StringBuilder().append(scope.interrupted())
                .append(scope.interrupted() == 1 ? " request" : " requests")
                .append(" cut by the end of the run (graceful stop or abort)");
        Percentiles e2e = scope.interruptedE2eLowerBoundMs();
        if (e2e != null) {
            line.append("; they had run E2E >= p50 ").append(ms(e2e.p50())).append(", max ").append(ms(e2e.max()));
        }
        Percentiles ttft = scope.interruptedTtftLowerBoundMs();
        if (ttft != null) {
            line.append("; TTFT >= p50 ").append(ms(ttft.p50())).append(", max ").append(ms(ttft.max()));
        }
        if (scope.judgedErrorRate() != null) {
            line.append("; more than ").append(pct(InterruptedShare.TOLERATED))
                    .append(" of the attempts, so judged as errors (error rate ").append(pct(scope.judgedErrorRate()))
                    .append(")");
        }
        return line.toString();
    }
}
