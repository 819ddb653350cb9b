package io.llmload.runner.plan;

/**
 * Which part of the load this runner produces when {@code count} runners share a test: users are dealt round-robin
 * (user j belongs to runner j mod count), arrival rates are split evenly.
 */
public record RunnerShare(int index, int count) {

    public static final RunnerShare SOLE = new RunnerShare(0, 1);

    public RunnerShare {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("runner index " + index + " out of range for " + count + " runners");
        }
    }

    /** How many of {@code totalUsers} users are this runner's. */
    public int users(int totalUsers) {
        return Math.max(0, (totalUsers - index + count - 1) / count);
    }

    public double rate(double totalRate) {
        return totalRate / count;
    }
}
