package io.llmload.runner.simulator;

import java.util.List;
import java.util.Locale;

/**
 * Capacity and cost model of a simulated GPU server. Step duration in microseconds is
 * {@code decodeStepBaseMicros + decodeMicrosPerKvToken * kvTokensOfRunningSeqs + decodeMicrosPerSequence * running
 * + prefillTokensThisStep / prefillTokensPerSecond * 1e6} (see {@link StepTimer}). With {@code prefixCaching}, prompt
 * blocks of {@value PromptBlocks#BLOCK_CHARS} characters seen before (an LRU of {@code prefixCacheBlocks} blocks) are
 * not prefilled again ({@link PrefixCache}).
 */
public record SimulatorProfile(String name, long kvCacheTokens, int maxRunningSequences, double prefillTokensPerSecond,
        long decodeStepBaseMicros, double decodeMicrosPerKvToken, double decodeMicrosPerSequence,
        int defaultMaxTokens, int embeddingDimensions, boolean prefixCaching, int prefixCacheBlocks) {

    /** English text averages about 4 characters per token: blocks to cover as many tokens as the KV cache holds. */
    private static final int CHARS_PER_TOKEN = 4;

    public static final String TINY = "tiny";
    public static final String DEMO_8B_H100 = "demo-8b-h100";

    public SimulatorProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank");
        }
        if (kvCacheTokens < 2 || maxRunningSequences < 1 || !(prefillTokensPerSecond > 0) || decodeStepBaseMicros < 0
                || decodeMicrosPerKvToken < 0 || decodeMicrosPerSequence < 0 || defaultMaxTokens < 1
                || embeddingDimensions < 1 || prefixCacheBlocks < 1) {
            throw new IllegalArgumentException("invalid simulator profile '" + name + "'");
        }
    }

    /** A profile with prefix caching on, sized like its KV cache (see {@link #defaultPrefixCacheBlocks}). */
    public SimulatorProfile(String name, long kvCacheTokens, int maxRunningSequences, double prefillTokensPerSecond,
            long decodeStepBaseMicros, double decodeMicrosPerKvToken, double decodeMicrosPerSequence,
            int defaultMaxTokens, int embeddingDimensions) {
        this(name, kvCacheTokens, maxRunningSequences, prefillTokensPerSecond, decodeStepBaseMicros,
                decodeMicrosPerKvToken, decodeMicrosPerSequence, defaultMaxTokens, embeddingDimensions, true,
                defaultPrefixCacheBlocks(kvCacheTokens));
    }

    /**
     * vLLM keeps cached blocks in the KV cache's free space, so the cache can hold about as many prompt tokens as the
     * KV cache: kvCacheTokens x 4 characters / 64 characters per block.
     */
    static int defaultPrefixCacheBlocks(long kvCacheTokens) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, kvCacheTokens * CHARS_PER_TOKEN / PromptBlocks.BLOCK_CHARS));
    }

    /**
     * The model's capacity point for an ITL target: how many running sequences make the mean decode step last
     * {@code stepMicros}, each holding {@code kvTokensPerSequence} in the KV cache and adding
     * {@code prefillTokensPerSequenceStep} prefill tokens to a step on average (the prefill of its cache misses over
     * its output tokens). Tests compare what a capacity search finds with it.
     */
    public double sequencesAtStep(double stepMicros, double kvTokensPerSequence, double prefillTokensPerSequenceStep) {
        double perSequence = decodeMicrosPerKvToken * kvTokensPerSequence + decodeMicrosPerSequence
                + prefillTokensPerSequenceStep / prefillTokensPerSecond * 1e6;
        return (stepMicros - decodeStepBaseMicros) / perSequence;
    }

    /** The same profile with prefix caching switched on or off (e.g. for a with/without comparison). */
    public SimulatorProfile withPrefixCaching(boolean enabled) {
        return new SimulatorProfile(name, kvCacheTokens, maxRunningSequences, prefillTokensPerSecond,
                decodeStepBaseMicros, decodeMicrosPerKvToken, decodeMicrosPerSequence, defaultMaxTokens,
                embeddingDimensions, enabled, prefixCacheBlocks);
    }

    /** The same profile with an LRU bound of {@code blocks} prompt blocks. */
    public SimulatorProfile withPrefixCacheBlocks(int blocks) {
        return new SimulatorProfile(name, kvCacheTokens, maxRunningSequences, prefillTokensPerSecond,
                decodeStepBaseMicros, decodeMicrosPerKvToken, decodeMicrosPerSequence, defaultMaxTokens,
                embeddingDimensions, prefixCaching, blocks);
    }

    /**
     * The same server, {@code factor} times slower: every step and every prefill take that much longer (a worse
     * build, a slower GPU) — what a regression test compares against the profile it came from.
     */
    public SimulatorProfile slowerBy(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("slowdown factor must be > 0");
        }
        return new SimulatorProfile(name + " x" + factor, kvCacheTokens, maxRunningSequences,
                prefillTokensPerSecond / factor, Math.round(decodeStepBaseMicros * factor),
                decodeMicrosPerKvToken * factor, decodeMicrosPerSequence * factor, defaultMaxTokens,
                embeddingDimensions, prefixCaching, prefixCacheBlocks);
    }

    /** Known profile names, in a stable order. */
    public static List<String> names() {
        return List.of(TINY, DEMO_8B_H100);
    }

    /** Looks a profile up by name (case-insensitive); unknown names fail with the list of known ones. */
    public static SimulatorProfile named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case TINY:
                return tiny();
            case DEMO_8B_H100:
                return demo8bH100();
            default:
                throw new IllegalArgumentException(
                        "unknown simulator profile '" + name + "'; known profiles: " + String.join(", ", names()));
        }
    }

    /**
     * Fast profile for tests: a lone stream decodes at ~2 ms/token; 32 users with ~100-token prompts and 64-token
     * outputs see ~2.7 ms ITL; ~150 concurrent requests of a few hundred tokens exhaust the 16k-token KV cache.
     */
    public static SimulatorProfile tiny() {
        return new SimulatorProfile(TINY, 16_384, 64, 400_000, 2_000, 0.01, 20, 64, 64);
    }

    /**
     * Shaped like Llama-3.1-8B in bf16 on one H100 80GB under vLLM.
     * <ul>
     * <li>KV per token: 32 layers x 8 KV heads x 128 dims x 2 (K,V) x 2 bytes = 128 KiB; ~50 GiB of HBM left after
     * 16 GB weights and activations at gpu_memory_utilization 0.9 -> 50 GiB / 128 KiB = 409,600 tokens.</li>
     * <li>Decode step: reading 16 GB of weights at ~3.3 TB/s is ~4.9 ms, plus launch/sampling overhead -> ~6.8 ms
     * fixed; each step also reads every running sequence's KV: 128 KiB / 3.3e12 B/s = 0.04 us per KV token; plus
     * ~20 us per sequence of non-attention per-sequence work.</li>
     * <li>Lone stream with a 1k-token context: 6.8 + 0.04 + 0.02 ms ~ 6.9 ms ITL. Full batch of 256 x 1k tokens:
     * 6.8 + 10.2 + 5.1 ms ~ 22 ms per step -> ~11.5k tok/s aggregate; ~28 ms with the whole cache in use.</li>
     * <li>Prefill: 2 x 8e9 FLOP/token at ~30-40% of 990 TFLOPS -> ~20,000 tok/s.</li>
     * </ul>
     */
    public static SimulatorProfile demo8bH100() {
        return new SimulatorProfile(DEMO_8B_H100, 409_600, 256, 20_000, 6_800, 0.04, 20, 256, 4096);
    }
}
