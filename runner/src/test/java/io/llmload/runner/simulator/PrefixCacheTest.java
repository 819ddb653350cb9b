package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulated prefix cache: block hashing, LRU, and what it does to prefill in the batching model. */
class PrefixCacheTest {

    /** 640 characters = exactly 10 blocks, 128 five-character "tokens". */
    private static final String SHARED = "word ".repeat(128);

    private static SimulatorProfile profile() {
        return new SimulatorProfile("t", 100_000, 8, 1_000, 1_000, 0.0, 0.0, 8, 4);
    }

    private static Sequence seq(String id, String text, int promptTokens) {
        return new Sequence(id, promptTokens, 2, 0, false, s -> { }, PromptBlocks.of(text));
    }

    /** Admits {@code s} alone, returns its prefill tokens, and runs it to completion. */
    private static long admitAndFinish(BatchModel model, Sequence s) {
        model.enqueue(s);
        long prefill = model.schedule(0, false);
        for (int step = 0; step < 10 && !model.idle(); step++) {
            model.emit(step);
            model.schedule(step, false);
        }
        assertThat(model.idle()).isTrue();
        return prefill;
    }

    @Test
    void secondRequestWithASharedPrefixPrefillsOnlyItsOwnTokensAndCountsTheSharedOnesAsHits() {
        BatchModel model = new BatchModel(profile());
        // 800 characters, 160 tokens each: 10 shared blocks, then different text.
        Sequence a = seq("a", SHARED + "aaaa ".repeat(32), 160);
        Sequence b = seq("b", SHARED + "bbbb ".repeat(32), 160);

        assertThat(admitAndFinish(model, a)).isEqualTo(160);
        assertThat(model.snapshot().prefixCacheHits()).isZero();

        // 10 blocks x 64 chars x 160 tokens / 800 chars = 128 cached tokens: only 32 are prefilled.
        assertThat(admitAndFinish(model, b)).isEqualTo(32);
        assertThat(b.cachedPromptTokens).isEqualTo(128);
        SimulatorState s = model.snapshot();
        assertThat(s.prefixCacheQueries()).isEqualTo(320);
        assertThat(s.prefixCacheHits()).isEqualTo(128);
        // Less prefill, shorter step: the second request's first token comes sooner.
        assertThat(StepTimer.stepNanos(profile(), 0, 1, 32)).isLessThan(StepTimer.stepNanos(profile(), 0, 1, 160));
    }

    @Test
    void unrelatedPromptsDoNotHit() {
        BatchModel model = new BatchModel(profile());
        admitAndFinish(model, seq("a", "alpha ".repeat(100), 100));
        assertThat(admitAndFinish(model, seq("b", "omega ".repeat(100), 100))).isEqualTo(100);
        assertThat(model.snapshot().prefixCacheQueries()).isEqualTo(200);
        assertThat(model.snapshot().prefixCacheHits()).isZero();
    }

    @Test
    void aBlockHitsOnlyWhenEverythingBeforeItMatchedToo() {
        PrefixCache cache = new PrefixCache(100);
        String tail = "same text in the second block and after it... ".repeat(4);
        cache.lookupAndStore(PromptBlocks.of("x".repeat(64) + tail));
        // Blocks 2.. hold the same characters, but block 1 differs: nothing is reusable.
        assertThat(cache.lookupAndStore(PromptBlocks.of("y".repeat(64) + tail))).isZero();
        assertThat(cache.lookupAndStore(PromptBlocks.of("x".repeat(64) + tail))).isEqualTo(3);
    }

    @Test
    void anIdenticalPromptStillComputesItsLastToken() {
        BatchModel model = new BatchModel(profile());
        admitAndFinish(model, seq("a", SHARED, 128));
        assertThat(admitAndFinish(model, seq("b", SHARED, 128))).isEqualTo(1);
        assertThat(model.snapshot().prefixCacheHits()).isEqualTo(127);
    }

    @Test
    void leastRecentlyUsedBlocksAreEvictedFirst() {
        PrefixCache cache = new PrefixCache(4);
        PromptBlocks x = PromptBlocks.of("x".repeat(128));
        PromptBlocks y = PromptBlocks.of("y".repeat(128));
        PromptBlocks z = PromptBlocks.of("z".repeat(128));
        cache.lookupAndStore(x);
        cache.lookupAndStore(y);
        assertThat(cache.lookupAndStore(x)).isEqualTo(2); // x is now more recent than y
        cache.lookupAndStore(z); // 6 blocks for 4 places: y's two go

        assertThat(cache.size()).isEqualTo(4);
        assertThat(cache.contains(y.hash(0))).isFalse();
        assertThat(cache.contains(y.hash(1))).isFalse();
        assertThat(cache.contains(x.hash(0))).isTrue();
        assertThat(cache.contains(z.hash(1))).isTrue();
        assertThat(cache.lookupAndStore(y)).isZero();
    }

    @Test
    void onlyFullBlocksAreHashed() {
        assertThat(PromptBlocks.of("a".repeat(63)).blockCount()).isZero();
        assertThat(PromptBlocks.of("a".repeat(64)).blockCount()).isEqualTo(1);
        assertThat(PromptBlocks.of("a".repeat(200)).blockCount()).isEqualTo(3);
    }

    @Test
    void aProfileWithoutPrefixCachingPrefillsEverythingAndCountsNothing() {
        BatchModel model = new BatchModel(profile().withPrefixCaching(false));
        admitAndFinish(model, seq("a", SHARED + "aaaa ".repeat(32), 160));
        assertThat(admitAndFinish(model, seq("b", SHARED + "bbbb ".repeat(32), 160))).isEqualTo(160);
        assertThat(model.snapshot().prefixCacheQueries()).isZero();
        assertThat(model.snapshot().prefixCacheHits()).isZero();
    }
}
