package io.llmload.runner.compare;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.CostFigures;
import io.llmload.runner.report.Report;
import io.llmload.runner.slo.Capacity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the {@link Comparison} of two reports: B against A, scope by scope. */
public final class ReportComparator {

    private ReportComparator() {
    }

    public static Comparison compare(Report a, String fileA, Report b, String fileB) {
        Map<String, Aggregate> stagesA = byName(a.stages());
        Map<String, Aggregate> stagesB = byName(b.stages());
        Map<String, Aggregate> typesA = byName(a.requestTypes());
        Map<String, Aggregate> typesB = byName(b.requestTypes());

        PrefixCacheHitRate hitsA = PrefixCacheHitRate.of(a.server());
        PrefixCacheHitRate hitsB = PrefixCacheHitRate.of(b.server());

        List<ScopeComparison> stages = new ArrayList<>();
        for (String name : stagesA.keySet()) {
            if (stagesB.containsKey(name)) {
                stages.add(scope(name, stagesA.get(name), stagesB.get(name), new Extra(stageCost(a, name),
                        hitsA.stage(name)), new Extra(stageCost(b, name), hitsB.stage(name)), true));
            }
        }
        List<ScopeComparison> types = new ArrayList<>();
        for (String name : typesA.keySet()) {
            if (typesB.containsKey(name)) {
                types.add(scope(name, typesA.get(name), typesB.get(name), Extra.NONE, Extra.NONE, false));
            }
        }
        return new Comparison(side(a, fileA), side(b, fileB), LabelDelta.of(a.verdict(), b.verdict(),
                LabelDelta.VERDICTS), capacity(a, b),
                scope("overall", a.overall(), b.overall(), new Extra(overallCost(a), hitsA.overall()),
                        new Extra(overallCost(b), hitsB.overall()), false), stages,
                onlyIn(stagesA, stagesB), onlyIn(stagesB, stagesA), types, onlyIn(typesA, typesB),
                onlyIn(typesB, typesA));
    }

    /** A scope's figures that live outside its aggregate: cost and the server's prefix-cache hit rate. */
    private record Extra(Double costPerMillionOutputTokens, Double prefixCacheHitRate) {
        static final Extra NONE = new Extra(null, null);

        Double of(Metric metric) {
            return metric == Metric.COST_PER_MILLION_OUTPUT_TOKENS ? costPerMillionOutputTokens : prefixCacheHitRate;
        }
    }

    private static ScopeComparison scope(String name, Aggregate a, Aggregate b, Extra extraA, Extra extraB,
            boolean withLevel) {
        List<MetricDelta> rows = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (metric == Metric.LEVEL && !withLevel) {
                continue;
            }
            boolean extra = metric == Metric.COST_PER_MILLION_OUTPUT_TOKENS || metric == Metric.PREFIX_CACHE_HIT_RATE;
            Double va = extra ? extraA.of(metric) : metric.read(a);
            Double vb = extra ? extraB.of(metric) : metric.read(b);
            // A metric neither run has (TTFT without streaming, cost without spec.cost) is left out.
            if (va != null || vb != null) {
                String label = metric == Metric.LEVEL && a.levelUnit() != null
                        ? metric.label() + " (" + a.levelUnit() + ")" : metric.label();
                rows.add(MetricDelta.of(metric, label, va, vb));
            }
        }
        return new ScopeComparison(name, LabelDelta.of(a.tier(), b.tier(), LabelDelta.TIERS), rows);
    }

    private static Comparison.CapacityDelta capacity(Report a, Report b) {
        Capacity ca = a.capacity();
        Capacity cb = b.capacity();
        if (ca == null && cb == null) {
            return null;
        }
        String unitA = levelUnit(a);
        String unitB = levelUnit(b);
        if (ca == null || cb == null || unitA == null || !unitA.equals(unitB)) {
            return new Comparison.CapacityDelta(summary(ca), summary(cb), null, null, null, null);
        }
        Double levelA = level(ca);
        Double levelB = level(cb);
        return new Comparison.CapacityDelta(ca.summary(), cb.summary(), unitA, levelA, levelB,
                Direction.HIGHER_IS_BETTER.judge(levelA, levelB));
    }

    /** The level held at SLO; 0 when no stage met the SLO (strictly worse than any level that did). */
    static Double level(Capacity c) {
        if (c.maxUsersAtSlo() != null) {
            return c.maxUsersAtSlo().doubleValue();
        }
        return c.maxRateAtSlo() != null ? c.maxRateAtSlo() : 0.0;
    }

    private static String summary(Capacity c) {
        return c == null ? null : c.summary();
    }

    static String levelUnit(Report r) {
        Object unit = r.run() == null ? null : r.run().get("levelUnit");
        return unit == null ? null : unit.toString();
    }

    static Double overallCost(Report r) {
        return r.cost() == null || r.cost().overall() == null ? null : r.cost().overall().perMillionOutputTokens();
    }

    private static Double stageCost(Report r, String stage) {
        if (r.cost() == null || r.cost().stages() == null) {
            return null;
        }
        return r.cost().stages().stream().filter(c -> Objects.equals(c.name(), stage)).findFirst()
                .map(CostFigures::perMillionOutputTokens).orElse(null);
    }

    private static Comparison.Side side(Report r, String file) {
        Map<String, Object> run = r.run() == null ? Map.of() : r.run();
        return new Comparison.Side(file, r.name(), r.startTime(), r.outcome(), string(run.get("target")),
                string(run.get("model")));
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static Map<String, Aggregate> byName(List<Aggregate> scopes) {
        Map<String, Aggregate> map = new LinkedHashMap<>();
        if (scopes != null) {
            scopes.forEach(s -> map.putIfAbsent(s.name(), s));
        }
        return map;
    }

    private static List<String> onlyIn(Map<String, Aggregate> these, Map<String, Aggregate> others) {
        return these.keySet().stream().filter(name -> !others.containsKey(name)).toList();
    }
}
