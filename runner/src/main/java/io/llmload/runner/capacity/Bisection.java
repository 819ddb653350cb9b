package io.llmload.runner.capacity;

import java.util.Optional;

/**
 * The decisions of a capacity search, and nothing else (no time, no I/O): which level to probe next, given whether
 * the earlier probes held the SLO. Grows geometrically from the start level until a probe fails (or shrinks from
 * it while probes fail), then bisects between the highest level that held and the lowest that failed until the
 * bracket is within the precision — relative to the level that held, or one user apart in the closed model —, then
 * repeats the edge (the highest level that held) as many times as asked. Repeats are reserved in the budget, so
 * they always run when something held.
 *
 * <p>Use: {@link #next()}, probe that level, {@link #record(boolean)} the outcome; until {@code next()} is empty.
 * Every loop over it is bounded by the probe budget.
 */
public final class Bisection {

    /** Why a probe was chosen; the report explains the sequence with it. */
    public enum Phase {
        GROW, SHRINK, BISECT, REPEAT;

        /** As report.json writes it: grow, shrink, bisect, repeat. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A probe to run. */
    public record Step(double level, Phase phase) {
    }

    private final double start;
    private final double growth;
    private final double precision;
    private final Double maxLevel;
    private final boolean wholeLevels;
    private final int searchBudget;
    private final int repeats;
    private Double held;
    private Double failed;
    private int searchProbes;
    private int repeatsRun;
    private int repeatsHeld;
    private Step pending;
    private String stopReason;

    /**
     * @param maxLevel the highest level to probe (null: none)
     * @param wholeLevels closed model: levels are whole users, at least 1
     * @param maxProbes the budget, {@code repeats} included
     */
    public Bisection(double start, double growth, double precision, Double maxLevel, boolean wholeLevels,
            int maxProbes, int repeats) {
        if (!(start > 0) || !(growth > 1) || !(precision > 0) || maxProbes < 1 || repeats < 0) {
            throw new IllegalArgumentException("invalid search: start " + start + ", growth " + growth
                    + ", precision " + precision + ", maxProbes " + maxProbes + ", repeats " + repeats);
        }
        this.start = wholeLevels ? Math.max(1, Math.rint(start)) : start;
        this.growth = growth;
        this.precision = precision;
        this.maxLevel = maxLevel;
        this.wholeLevels = wholeLevels;
        this.repeats = Math.min(repeats, maxProbes - 1);
        this.searchBudget = maxProbes - this.repeats;
    }

    /** The next probe, or empty when the search is over (ask again: the same answer until it is recorded). */
    public Optional<Step> next() {
        if (pending == null && stopReason == null) {
            pending = decide();
        }
        return Optional.ofNullable(pending);
    }

    /** The outcome of the probe {@link #next()} returned. */
    public void record(boolean heldSlo) {
        if (pending == null) {
            throw new IllegalStateException("no probe pending: call next() first");
        }
        if (pending.phase() == Phase.REPEAT) {
            repeatsRun++;
            repeatsHeld += heldSlo ? 1 : 0;
        } else {
            searchProbes++;
            if (heldSlo) {
                held = held == null ? pending.level() : Math.max(held, pending.level());
            } else {
                failed = failed == null ? pending.level() : Math.min(failed, pending.level());
            }
        }
        pending = null;
    }

    /** The highest level that held (null: none did). */
    public Double held() {
        return held;
    }

    /** The lowest level that failed (null: none did). */
    public Double failed() {
        return failed;
    }

    public int repeatsRun() {
        return repeatsRun;
    }

    public int repeatsHeld() {
        return repeatsHeld;
    }

    /** Why the search ended (null while it goes on). */
    public String stopReason() {
        return stopReason;
    }

    /** Whether the bracket is as narrow as asked (not merely the budget spent). */
    public boolean converged() {
        return held != null && failed != null && narrow(held, failed);
    }

    private Step decide() {
        String done = finished();
        if (done != null) {
            if (held != null && repeatsRun < repeats) {
                return new Step(held, Phase.REPEAT);
            }
            stopReason = done;
            return null;
        }
        if (searchProbes >= searchBudget) {
            if (held != null && repeatsRun < repeats) {
                return new Step(held, Phase.REPEAT);
            }
            stopReason = "probe budget used (" + (searchBudget + repeats) + " probes)";
            return null;
        }
        if (held == null && failed == null) {
            return new Step(start, Phase.GROW);
        }
        if (failed == null) {
            double up = wholeLevels ? Math.max(held + 1, Math.ceil(held * growth - 1e-9)) : round(held * growth);
            return new Step(maxLevel == null ? up : Math.min(up, maxLevel), Phase.GROW);
        }
        if (held == null) {
            double down = wholeLevels ? Math.max(1, Math.min(failed - 1, Math.floor(failed / growth)))
                    : round(failed / growth);
            return new Step(down, Phase.SHRINK);
        }
        double mid = wholeLevels ? Math.floor((held + failed) / 2) : round((held + failed) / 2);
        if (!(mid > held && mid < failed)) {
            mid = (held + failed) / 2; // rounding landed on an end: the bracket is below the rounding step
        }
        return new Step(mid, Phase.BISECT);
    }

    /** Why the search needs no more search probes, or null. */
    private String finished() {
        if (held != null && maxLevel != null && held >= maxLevel) {
            return "held up to the highest level to probe (" + level(maxLevel) + ")";
        }
        if (converged()) {
            return "bracket within " + level(precision * 100) + "%";
        }
        if (held == null && failed != null && wholeLevels && failed <= 1) {
            return "failed at 1 user: nothing held";
        }
        return null;
    }

    private boolean narrow(double low, double high) {
        return high - low <= precision * low + 1e-9 || wholeLevels && high - low <= 1;
    }

    /** Levels of the open model to 0.01 req/s. */
    private static double round(double value) {
        return Math.max(0.01, Math.round(value * 100) / 100.0);
    }

    private static String level(double value) {
        return io.llmload.runner.slo.Capacity.formatLevel(value);
    }
}
