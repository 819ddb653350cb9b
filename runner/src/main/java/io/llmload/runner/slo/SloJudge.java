package io.llmload.runner.slo;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.Ratios;
import io.llmload.runner.spec.SloSpec;
import io.llmload.runner.spec.TierSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges results against {@code spec.slo} (DESIGN.md §4, seed 001). Error rates are judged with interrupted requests
 * counted as errors when they are more than {@link InterruptedShare#TOLERATED} of the attempts:
 * <ul>
 * <li>Breach: error rate above the breach threshold (default 1%, never below the errorRate target), p99 E2E above
 * the breach latency (default 5s, never below an e2e p99 target), or any latency target missed by more than the
 * degraded factor (default 4×).</li>
 * <li>Normal: every target met and error rate below the normal threshold (default 0.1%).</li>
 * <li>Degraded: anything in between.</li>
 * </ul>
 */
public final class SloJudge {

    static final double DEFAULT_NORMAL_ERROR_RATE = 0.001;
    static final double DEFAULT_BREACH_ERROR_RATE = 0.01;
    static final double DEFAULT_DEGRADED_FACTOR = 4.0;
    static final double DEFAULT_BREACH_E2E_P99_MS = 5_000;

    private final List<SloTarget> targets;
    private final double normalErrorRate;
    private final double breachErrorRate;
    private final double degradedFactor;
    private final double breachE2eP99Ms;

    public SloJudge(SloSpec slo) {
        this.targets = targets(slo);
        TierSpec tiers = slo == null || slo.tiers() == null ? new TierSpec(null, null, null, null) : slo.tiers();
        double errorTarget = slo == null ? 0 : Ratios.parseOr(slo.errorRate(), 0);
        this.normalErrorRate = Ratios.parseOr(tiers.normalErrorRate(), DEFAULT_NORMAL_ERROR_RATE);
        this.breachErrorRate = Math.max(Ratios.parseOr(tiers.breachErrorRate(), DEFAULT_BREACH_ERROR_RATE), errorTarget);
        this.degradedFactor = tiers.degradedFactor() == null ? DEFAULT_DEGRADED_FACTOR : tiers.degradedFactor();
        double e2eP99Target = targets.stream().filter(t -> t.metric().equals("e2e") && t.percentile().equals("p99"))
                .mapToDouble(SloTarget::limit).max().orElse(0);
        this.breachE2eP99Ms = Math.max(tiers.breachE2eP99() == null ? DEFAULT_BREACH_E2E_P99_MS
                : Durations.parseOr(tiers.breachE2eP99(), Duration.ofSeconds(5)).toMillis(), e2eP99Target);
    }

    /** Every target checked against one scope. */
    public List<SloResult> check(String scope, Aggregate aggregate) {
        List<SloResult> results = new ArrayList<>();
        for (SloTarget target : targets) {
            Double observed = observed(target, aggregate);
            results.add(new SloResult(scope, target.name(), target.text(), target.limit(), observed,
                    observed != null && observed <= target.limit()));
        }
        return results;
    }

    /** Whether every target is met by the scope (vacuously true without targets). */
    public boolean allMet(Aggregate aggregate) {
        return check("", aggregate).stream().allMatch(SloResult::met);
    }

    public Tier tier(Aggregate aggregate) {
        if (aggregate.requests() == 0) {
            return Tier.BREACH;
        }
        double errorRate = aggregate.errorRateForJudgement();
        Percentiles e2e = aggregate.e2eMs();
        if (errorRate > breachErrorRate || e2e != null && e2e.p99() > breachE2eP99Ms) {
            return Tier.BREACH;
        }
        boolean allMet = true;
        for (SloTarget target : targets) {
            Double observed = observed(target, aggregate);
            if (observed == null || observed > target.limit()) {
                allMet = false;
                if (!target.isErrorRate() && (observed == null || observed > target.limit() * degradedFactor)) {
                    return Tier.BREACH;
                }
            }
        }
        return allMet && errorRate < normalErrorRate ? Tier.NORMAL : Tier.DEGRADED;
    }

    /**
     * What keeps a scope from being at SLO (every target met and not in Breach), or null when it is at SLO. The
     * first reason in the order of {@link #tier}: no request, the breach error rate, the breach p99 E2E, then the
     * targets as written in the spec.
     */
    public SloLimit limit(Aggregate aggregate) {
        if (aggregate.requests() == 0) {
            return new SloLimit("requests", "no request completed");
        }
        double errorRate = aggregate.errorRateForJudgement();
        if (errorRate > breachErrorRate) {
            return new SloLimit("error rate", "error rate " + Ratios.format(errorRate) + " > "
                    + Ratios.format(breachErrorRate) + " (Breach)");
        }
        Percentiles e2e = aggregate.e2eMs();
        if (e2e != null && e2e.p99() > breachE2eP99Ms) {
            return new SloLimit("E2E p99", "E2E p99 " + ms(e2e.p99()) + " > " + ms(breachE2eP99Ms) + " (Breach)");
        }
        for (SloTarget target : targets) {
            Double observed = observed(target, aggregate);
            if (observed == null || observed > target.limit()) {
                String metric = target.isErrorRate() ? "error rate"
                        : target.metric().toUpperCase(java.util.Locale.ROOT) + " " + target.percentile();
                String seen = observed == null ? "not measured"
                        : target.isErrorRate() ? Ratios.format(observed) : ms(observed);
                return new SloLimit(metric, metric + " " + seen + " > " + target.text());
            }
        }
        return null;
    }

    private static String ms(double millis) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", millis);
    }

    private static Double observed(SloTarget target, Aggregate aggregate) {
        if (target.isErrorRate()) {
            return aggregate.requests() == 0 ? null : aggregate.errorRateForJudgement();
        }
        Percentiles p = aggregate.latency(target.metric());
        return p == null ? null : p.at(target.percentile());
    }

    /** The objectives of {@code spec.slo}, latencies in ms (also read by {@link Goodput}). */
    static List<SloTarget> targets(SloSpec slo) {
        List<SloTarget> targets = new ArrayList<>();
        if (slo == null) {
            return targets;
        }
        latency(targets, "ttft", slo.ttft());
        latency(targets, "itl", slo.itl());
        latency(targets, "tpot", slo.tpot());
        latency(targets, "e2e", slo.e2e());
        if (slo.errorRate() != null) {
            targets.add(new SloTarget("errorRate", null, Ratios.parseOr(slo.errorRate(), 0), slo.errorRate()));
        }
        return targets;
    }

    private static void latency(List<SloTarget> targets, String metric, PercentileTargets t) {
        if (t == null) {
            return;
        }
        add(targets, metric, "p50", t.p50());
        add(targets, metric, "p90", t.p90());
        add(targets, metric, "p95", t.p95());
        add(targets, metric, "p99", t.p99());
    }

    private static void add(List<SloTarget> targets, String metric, String percentile, String text) {
        if (text != null) {
            double ms = Durations.parseOr(text, Duration.ZERO).toMillis();
            targets.add(new SloTarget(metric, percentile, ms, text));
        }
    }
}
