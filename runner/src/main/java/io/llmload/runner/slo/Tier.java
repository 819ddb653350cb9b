package io.llmload.runner.slo;

/** The seed-001 tiers, and the verdict each maps to. */
public enum Tier {
    NORMAL("Pass"), DEGRADED("Degraded"), BREACH("Breach");

    private final String verdict;

    Tier(String verdict) {
        this.verdict = verdict;
    }

    public String verdict() {
        return verdict;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
