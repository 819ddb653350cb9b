package io.llmload.runner.slo;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.Ratios;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the capacity one replica showed in a test into the replicas a target load needs, and their cost. Per
 * replica: for {@code targetRate} the arrival rate of the highest stage at SLO (open model) or the requests/s its
 * users were served (closed model), for {@code targetUsers} that stage's users. The headroom is taken off each replica's capacity;
 * scaling across replicas is assumed linear. The cost per 1M output tokens is the fleet's hourly cost over the
 * output tokens an hour of the target load produces (tokens per request, or per user, as measured in that stage).
 */
public final class ReplicaPlanner {

    private ReplicaPlanner() {
    }

    /**
     * @param plan the target (null: no plan)
     * @param atSlo the highest stage at SLO (null: none met it)
     */
    public static ReplicaPlan plan(PlanSpec plan, CostSpec cost, Aggregate atSlo) {
        if (plan == null) {
            return null;
        }
        boolean users = plan.targetUsers() != null;
        double target = users ? plan.targetUsers() : plan.targetRate();
        String unit = users ? Capacity.USERS : "req/s";
        double headroom = Ratios.parseOr(plan.headroom(), PlanSpec.DEFAULT_HEADROOM);
        int gpus = plan.gpusPerReplica() != null ? plan.gpusPerReplica()
                : cost != null && cost.gpus() != null ? cost.gpus() : 1;
        Double price = cost == null ? null : cost.gpuHourlyPrice();
        List<String> assumptions = new ArrayList<>();
        // Open model: the arrival rate offered, which the stage served (it was at SLO) — the served count over a short
        // stage is that rate plus Poisson noise. Closed model: the requests per second the users got served.
        boolean offered = atSlo != null && !users && !Capacity.USERS.equals(atSlo.levelUnit());
        Double perReplica = atSlo == null ? null : users || offered ? atSlo.level() : atSlo.requestsPerSecond();
        if (perReplica == null || !(perReplica > 0)) {
            return new ReplicaPlan(target, unit, null, null, headroom, null, null, gpus, price, null, null, null,
                    List.of("no stage met the SLO: there is no per-replica capacity to plan from"),
                    "cannot plan " + num(target) + " " + unit + ": no stage met the SLO");
        }
        double usable = perReplica * (1 - headroom);
        int replicas = (int) Math.ceil(target / usable - 1e-9);
        assumptions.add("one replica carries " + num(perReplica) + " " + unit + " at SLO, as measured in stage "
                + atSlo.name() + (users ? "" : offered ? " (the arrival rate it held)" : " (requests served per second)"));
        assumptions.add(pct(headroom) + " of each replica's capacity kept free: each is planned for "
                + num(usable) + " " + unit);
        assumptions.add("replicas scale linearly: the load balancer spreads load evenly and nothing else is "
                + "shared (network, prefix-cache locality, a common backend)");
        Double perHour = null;
        Double perMonth = null;
        Double perMillion = null;
        String head = "needs " + replicas + " replica" + (replicas == 1 ? "" : "s") + " at SLO (measured "
                + num(perReplica) + " " + unit + " per replica, " + pct(headroom) + " headroom)";
        String costText = "";
        if (price != null) {
            perHour = replicas * gpus * price;
            perMonth = perHour * ReplicaPlan.HOURS_PER_MONTH;
            double outputPerHour = outputTokensPerSecond(atSlo, users, target) * 3600;
            perMillion = outputPerHour > 0 ? perHour / outputPerHour * 1e6 : null;
            assumptions.add(num(ReplicaPlan.HOURS_PER_MONTH) + " hours per month; price per GPU-hour from "
                    + "spec.cost.gpuHourlyPrice");
            assumptions.add("output tokens per " + (users ? "user" : "request") + " as measured in stage "
                    + atSlo.name() + ", at the target load (the headroom is paid for, not used)");
            costText = "; " + replicas + " × " + gpus + " GPU" + (gpus == 1 ? "" : "s") + " × " + money(price)
                    + "/h = " + money(perMonth) + "/month"
                    + (perMillion == null ? "" : "; " + money(perMillion) + " per 1M output tokens");
        }
        return new ReplicaPlan(target, unit, perReplica, atSlo.name(), headroom, usable, replicas, gpus, price,
                perHour, perMonth, perMillion, List.copyOf(assumptions), head + costText);
    }

    /** Output tokens per second the target load produces, at the rates measured in the stage at SLO. */
    private static double outputTokensPerSecond(Aggregate atSlo, boolean users, double target) {
        if (atSlo.requestsPerSecond() <= 0) {
            return 0;
        }
        if (users) {
            return atSlo.level() == null || atSlo.level() <= 0 ? 0
                    : atSlo.outputTokensPerSecond() / atSlo.level() * target;
        }
        return atSlo.outputTokensPerSecond() / atSlo.requestsPerSecond() * target;
    }

    private static String num(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String pct(double fraction) {
        return Ratios.format(fraction);
    }

    /** Money with thousands separators and two decimals (whatever the currency). */
    private static String money(double v) {
        return String.format(Locale.ROOT, v >= 1 ? "%,.2f" : "%.4f", v);
    }
}
