package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.report.Aggregate;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

/**
 * Known answers for streams whose tokens are not all answer text: reasoning and tool-call chunks count for TTFT, ITL
 * and TPOT; the first answer chunk gives TTFA; usage = chunks + 1 (the end-of-sequence token) is not packing.
 */
class TokenKindsTest {

    private static final long T0 = 7_000_000_000L;
    private static final long MS = 1_000_000L;

    /** Three reasoning chunks at 100, 110, 120 ms, two answer chunks at 130, 140 ms, end at 150 ms; usage 5. */
    private static RequestTrace reasoningStream() {
        RequestTrace t = new RequestTrace("r", 0, T0, true, 20);
        t.sent(T0);
        t.tokens(T0 + 100 * MS, 1, false);
        t.tokens(T0 + 110 * MS, 1, false);
        t.tokens(T0 + 120 * MS, 1, false);
        t.tokens(T0 + 130 * MS, 1, true);
        t.tokens(T0 + 140 * MS, 1, true);
        t.usage(20, 5);
        t.succeeded(T0 + 150 * MS);
        return t;
    }

    @Test
    void reasoningTokensCountForTtftItlAndTpotAndTtfaIsTheFirstAnswer() {
        CellStats stats = new CellStats();
        stats.record(reasoningStream());
        assertValues(stats.histogram(LatencyMetric.TTFT), 100_000);
        assertValues(stats.histogram(LatencyMetric.TTFA), 130_000);
        // ITL over all 5 tokens: four gaps of 10 ms (not 1 gap spread as "4 tokens per chunk")
        assertValues(stats.histogram(LatencyMetric.ITL), 10_000, 10_000, 10_000, 10_000);
        // TPOT: (150 - 100) ms / (5 - 1)
        assertValues(stats.histogram(LatencyMetric.TPOT), 12_500);
        assertThat(stats.multiTokenChunkStreams()).isZero();
        assertThat(stats.streamsWithUsage()).isEqualTo(1);

        Aggregate a = Aggregate.of("s", null, null, 1, stats);
        assertThat(a.ttftMs().p50()).isCloseTo(100.0, within(0.1)); // 3 significant digits
        assertThat(a.ttfaMs().p50()).isCloseTo(130.0, within(0.1));
        assertThat(a.multiTokenChunkRate()).isZero();
    }

    @Test
    void toolCallOnlyStreamHasTtftButNoFirstAnswer() {
        RequestTrace t = new RequestTrace("t", 0, T0, true, 20);
        t.sent(T0);
        t.tokens(T0 + 50 * MS, 2, false);
        t.tokens(T0 + 60 * MS, 3, false);
        t.tokens(T0 + 70 * MS, 3, false);
        t.usage(20, 3);
        t.succeeded(T0 + 80 * MS);
        CellStats stats = new CellStats();
        stats.record(t);
        assertValues(stats.histogram(LatencyMetric.TTFT), 50_000);
        assertThat(stats.histogram(LatencyMetric.TTFA).getTotalCount()).isZero();
        // usage == chunks: one token per chunk whatever the client counted
        assertValues(stats.histogram(LatencyMetric.ITL), 10_000, 10_000);
        Aggregate a = Aggregate.of("s", null, null, 1, stats);
        assertThat(a.ttfaMs()).isNull(); // no answer token: nothing to report, and TTFT already covers the stream
        assertThat(a.ttftMs().p50()).isCloseTo(50.0, within(0.1));
    }

    @Test
    void answerOnlyStreamsReportNoSeparateFirstAnswer() {
        RequestTrace t = new RequestTrace("a", 0, T0, true, 20);
        t.sent(T0);
        t.content(T0 + 40 * MS, 1);
        t.content(T0 + 50 * MS, 1);
        t.usage(20, 2);
        t.succeeded(T0 + 60 * MS);
        CellStats stats = new CellStats();
        stats.record(t);
        assertValues(stats.histogram(LatencyMetric.TTFA), 40_000);
        assertThat(Aggregate.of("s", null, null, 1, stats).ttfaMs()).isNull();
    }

    @Test
    void usageOneAboveTheChunksIsTheEndOfSequenceTokenNotPacking() {
        RequestTrace t = new RequestTrace("e", 0, T0, true, 20);
        t.sent(T0);
        for (int i = 0; i < 4; i++) {
            t.content(T0 + (10 + 10 * i) * MS, 1);
        }
        t.usage(20, 5); // TGI / vLLM count the EOS token, which streams no text
        t.succeeded(T0 + 50 * MS);
        CellStats stats = new CellStats();
        stats.record(t);
        assertThat(stats.multiTokenChunkStreams()).isZero();
        assertValues(stats.histogram(LatencyMetric.ITL), 10_000, 10_000, 10_000);
        assertThat(ChunkTokens.afterFirstChunk(t)).isEqualTo(3);
    }

    @Test
    void usageTwoAboveTheChunksIsPacking() {
        RequestTrace t = new RequestTrace("p", 0, T0, true, 20);
        t.sent(T0);
        t.content(T0 + 10 * MS, 1);
        t.content(T0 + 20 * MS, 1);
        t.usage(20, 4);
        t.succeeded(T0 + 30 * MS);
        CellStats stats = new CellStats();
        stats.record(t);
        assertThat(stats.multiTokenChunkStreams()).isEqualTo(1);
        // chunk 2 carries 2 of the 4 tokens: its 10 ms gap is two ITL samples of 5 ms
        assertValues(stats.histogram(LatencyMetric.ITL), 5_000, 5_000);
    }

    /** The histogram holds exactly these values (µs), at its 3-significant-digit resolution. */
    private static void assertValues(Histogram h, long... micros) {
        List<Long> recorded = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            for (long i = 0; i < v.getCountAtValueIteratedTo(); i++) {
                recorded.add(h.lowestEquivalentValue(v.getValueIteratedTo()));
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long m : micros) {
            expected.add(h.lowestEquivalentValue(m));
        }
        assertThat(recorded).isEqualTo(expected);
    }
}
