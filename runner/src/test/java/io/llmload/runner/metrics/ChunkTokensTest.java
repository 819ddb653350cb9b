package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How usage.completion_tokens is spread over the chunks of a stream (known answers). */
class ChunkTokensTest {

    private static final long MS = 1_000_000L;

    /** A stream whose chunks carry these client token counts, 10 ms apart. */
    private static RequestTrace stream(Integer usage, int... clientTokens) {
        RequestTrace t = new RequestTrace("r", 0, 0, true, 5);
        for (int i = 0; i < clientTokens.length; i++) {
            t.content((i + 1) * 10 * MS, clientTokens[i]);
        }
        if (usage != null) {
            t.usage(5, usage);
        }
        t.succeeded((clientTokens.length + 1) * 10 * MS);
        return t;
    }

    @Test
    void oneTokenPerChunkWhenUsageMatchesTheChunksWhateverTheClientCounted() {
        // A real tokenizer and the client's word count disagree; one chunk per token is what the server says.
        RequestTrace t = stream(3, 2, 1, 3);
        assertThat(ChunkTokens.spread(t)).containsExactly(1, 1, 1);
        assertThat(ChunkTokens.packed(t)).isFalse();
        assertThat(ChunkTokens.differsFromUsage(t)).isFalse();
        assertThat(ChunkTokens.afterFirstChunk(t)).isEqualTo(2);
    }

    @Test
    void usageIsSpreadInProportionToTheClientCountsAndSumsExactly() {
        assertThat(ChunkTokens.spread(stream(16, 4, 4, 4, 4))).containsExactly(4, 4, 4, 4);
        assertThat(ChunkTokens.spread(stream(8, 1, 7))).containsExactly(1, 7);
        // 3 chunks get 1 each; the 7 others go by weights 2:2:1 (a chunk the client counted 0 weighs 1),
        // cumulatively rounded down: 2, 5, 7 -> 2, 3, 2.
        RequestTrace t = stream(10, 2, 2, 0);
        assertThat(ChunkTokens.spread(t)).containsExactly(3, 4, 3);
        assertThat(ChunkTokens.packed(t)).isTrue();
        assertThat(ChunkTokens.differsFromUsage(t)).isTrue();
        assertThat(ChunkTokens.afterFirstChunk(t)).isEqualTo(7);
    }

    @Test
    void withoutUsageOrWithFewerTokensThanChunksEveryChunkIsOneToken() {
        assertThat(ChunkTokens.spread(stream(null, 3, 3))).containsExactly(1, 1);
        assertThat(ChunkTokens.packed(stream(null, 3, 3))).isFalse();
        assertThat(ChunkTokens.differsFromUsage(stream(null, 3, 3))).isFalse();
        RequestTrace fewer = stream(1, 1, 1);
        assertThat(ChunkTokens.spread(fewer)).containsExactly(1, 1);
        // Still flagged: the chunk count is not the server's token count.
        assertThat(ChunkTokens.differsFromUsage(fewer)).isTrue();
    }

    @Test
    void packedStreamsRecordOneItlSamplePerTokenAndAreFlagged() {
        // 4 tokens per chunk, chunks 10 ms apart: 3 gaps × 4 tokens = 12 samples of 2.5 ms.
        RequestTrace t = stream(16, 4, 4, 4, 4);
        CellStats stats = new CellStats();
        stats.record(t);
        var itl = stats.histogram(LatencyMetric.ITL);
        assertThat(itl.getTotalCount()).isEqualTo(12);
        assertThat(itl.getCountAtValue(2_500)).isEqualTo(12);
        assertThat(stats.streamsWithUsage()).isEqualTo(1);
        assertThat(stats.multiTokenChunkStreams()).isEqualTo(1);
        // TPOT is per token already: (end 50 ms − first chunk 10 ms) / 15 tokens.
        assertThat(stats.histogram(LatencyMetric.TPOT).getMinValue()).isEqualTo(2_666);
    }
}
