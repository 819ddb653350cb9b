package io.llmload.runner.simulator;

/** SplitMix64 finaliser: turns (seed, ordinal, index) into well-spread bits without keeping per-request state. */
final class Mix {

    private Mix() {
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long a) {
        return mix64(seed + 0x9e3779b97f4a7c15L * (a + 1));
    }

    static long of(long seed, long a, long b) {
        return mix64(of(seed, a) + 0x9e3779b97f4a7c15L * (b + 1));
    }

    /** Uniform double in [0,1) from 53 high bits. */
    static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
