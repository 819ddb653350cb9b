package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.report.Aggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

class CellStatsTest {

    /** An arbitrary nanoTime origin: traces carry System.nanoTime() values, not offsets. */
    private static final long T0 = 5_000_000_000L;
    private static final long US = 1_000L;

    private static List<long[]> recorded(Histogram h) {
        List<long[]> values = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            values.add(new long[] { v.getValueIteratedTo(), v.getCountAtValueIteratedTo() });
        }
        return values;
    }

    private static void assertOnly(CellStats stats, LatencyMetric metric, long micros) {
        Histogram h = stats.histogram(metric);
        assertThat(h.getTotalCount()).as(metric.key()).isEqualTo(1);
        assertThat(h.getMinValue()).as(metric.key()).isEqualTo(micros);
        assertThat(h.getMaxValue()).as(metric.key()).isEqualTo(micros);
    }

    /** A streamed request: sent 300 µs late, first chunk at 1.2 ms, gaps 100/150/50 µs, last byte at 1.6 ms. */
    private static RequestTrace streamedTrace() {
        RequestTrace t = new RequestTrace("r1", 0, T0, true, 12);
        t.sent(T0 + 300 * US);
        t.status(200);
        t.content(T0 + 1_200 * US, 1);
        t.content(T0 + 1_300 * US, 1);
        t.content(T0 + 1_450 * US, 1);
        t.content(T0 + 1_500 * US, 1);
        t.succeeded(T0 + 1_600 * US);
        return t;
    }

    @Test
    void aStreamedRequestRecordsEveryLatencyFromItsTimestamps() {
        RequestTrace trace = streamedTrace();
        trace.usage(10, 6);
        CellStats stats = new CellStats();
        stats.record(trace);

        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.succeeded()).isEqualTo(1);
        assertThat(stats.errorsTotal()).isZero();
        assertOnly(stats, LatencyMetric.TTFT, 1_200); // first chunk − intended
        assertOnly(stats, LatencyMetric.E2E, 1_600); // end − intended
        assertOnly(stats, LatencyMetric.SERVICE_TIME, 1_300); // end − send
        assertOnly(stats, LatencyMetric.SEND_LAG, 300); // send − intended
        // (end − first) / (usage output tokens − 1) = 400 µs / 5
        assertOnly(stats, LatencyMetric.TPOT, 80);
        // Usage says 6 tokens in 4 chunks (one more would be just the end-of-sequence token): the 2 extra tokens are
        // spread by the client's counts (all equal: cumulative rounding gives chunks 2 and 4 one each), so the 100 µs
        // gap becomes two samples of 50 µs and the 50 µs gap two of 25 µs.
        assertThat(recorded(stats.histogram(LatencyMetric.ITL)))
                .containsExactly(new long[] { 25, 2 }, new long[] { 50, 2 }, new long[] { 150, 1 });
    }

    @Test
    void withOneTokenPerChunkEveryChunkGapIsOneItlSample() {
        RequestTrace trace = streamedTrace();
        trace.usage(10, 4);
        CellStats stats = new CellStats();
        stats.record(trace);
        assertThat(recorded(stats.histogram(LatencyMetric.ITL)))
                .containsExactly(new long[] { 50, 1 }, new long[] { 100, 1 }, new long[] { 150, 1 });
        assertThat(stats.streamsWithUsage()).isEqualTo(1);
        assertThat(stats.multiTokenChunkStreams()).isZero();
    }

    @Test
    void tpotUsesTheClientTokenCountWhenTheServerReportsNoUsage() {
        CellStats stats = new CellStats();
        stats.record(streamedTrace()); // 4 client tokens: 400 µs / 3
        assertOnly(stats, LatencyMetric.TPOT, 133);
        assertThat(stats.outputTokens()).isEqualTo(4);
        assertThat(stats.inputTokens()).isEqualTo(12);
        assertThat(stats.usageReported()).isZero();
        assertThat(stats.usageMismatches()).isZero();
    }

    @Test
    void tokensComeFromUsageAndAMismatchWithTheClientCountIsCounted() {
        CellStats stats = new CellStats();
        RequestTrace mismatch = streamedTrace(); // client counted 4
        mismatch.usage(10, 5);
        RequestTrace match = streamedTrace();
        match.usage(11, 4);
        stats.record(mismatch);
        stats.record(match);
        stats.record(streamedTrace()); // no usage: client counts, neither reported nor mismatched

        assertThat(stats.inputTokens()).isEqualTo(10 + 11 + 12);
        assertThat(stats.outputTokens()).isEqualTo(5 + 4 + 4);
        assertThat(stats.usageReported()).isEqualTo(2);
        assertThat(stats.usageMismatches()).isEqualTo(1);
    }

    @Test
    void aNonStreamedRequestHasNoTokenTimings() {
        RequestTrace t = new RequestTrace("r", 0, T0, false, 20);
        t.sent(T0 + 10 * US);
        t.output(30);
        t.succeeded(T0 + 900 * US);
        CellStats stats = new CellStats();
        stats.record(t);
        assertOnly(stats, LatencyMetric.E2E, 900);
        assertOnly(stats, LatencyMetric.SERVICE_TIME, 890);
        assertOnly(stats, LatencyMetric.SEND_LAG, 10);
        assertThat(stats.histogram(LatencyMetric.TTFT).getTotalCount()).isZero();
        assertThat(stats.histogram(LatencyMetric.ITL).getTotalCount()).isZero();
        assertThat(stats.histogram(LatencyMetric.TPOT).getTotalCount()).isZero();
        assertThat(stats.outputTokens()).isEqualTo(30);
        assertThat(stats.inputTokens()).isEqualTo(20);
    }

    @Test
    void aSingleTokenStreamHasTtftButNoItlOrTpot() {
        RequestTrace t = new RequestTrace("r", 0, T0, true, 1);
        t.sent(T0);
        t.content(T0 + 700 * US, 1);
        t.succeeded(T0 + 750 * US);
        CellStats stats = new CellStats();
        stats.record(t);
        assertOnly(stats, LatencyMetric.TTFT, 700);
        assertThat(stats.histogram(LatencyMetric.ITL).getTotalCount()).isZero();
        assertThat(stats.histogram(LatencyMetric.TPOT).getTotalCount()).isZero();
    }

    @Test
    void aStreamWithoutContentHasNoTtft() {
        RequestTrace t = new RequestTrace("r", 0, T0, true, 1);
        t.sent(T0);
        t.succeeded(T0 + 500 * US);
        CellStats stats = new CellStats();
        stats.record(t);
        assertThat(stats.succeeded()).isEqualTo(1);
        assertThat(stats.histogram(LatencyMetric.TTFT).getTotalCount()).isZero();
        assertOnly(stats, LatencyMetric.E2E, 500);
    }

    @Test
    void latenciesAreMeasuredFromTheIntendedTimeSoCoordinatedOmissionShows() {
        // the request should have gone out at T0 but was sent 2 s late: TTFT and E2E include the wait
        RequestTrace t = new RequestTrace("r", 0, T0, true, 1);
        t.sent(T0 + 2_000_000 * US);
        t.content(T0 + 2_000_100 * US, 1);
        t.content(T0 + 2_000_200 * US, 1);
        t.succeeded(T0 + 2_000_200 * US);
        CellStats stats = new CellStats();
        stats.record(t);
        Histogram ttft = stats.histogram(LatencyMetric.TTFT);
        assertThat(ttft.valuesAreEquivalent(ttft.getMaxValue(), 2_000_100)).isTrue();
        Histogram lag = stats.histogram(LatencyMetric.SEND_LAG);
        assertThat(lag.valuesAreEquivalent(lag.getMaxValue(), 2_000_000)).isTrue();
        assertOnly(stats, LatencyMetric.SERVICE_TIME, 200);
    }

    @Test
    void errorsAreCountedByClassAndKeptOutOfLatencies() {
        CellStats stats = new CellStats();
        stats.record(streamedTrace());
        ErrorClass[] classes = { ErrorClass.SERVER, ErrorClass.SERVER, ErrorClass.TIMEOUT, ErrorClass.CLIENT,
                ErrorClass.CONNECTION, ErrorClass.PROTOCOL, ErrorClass.RATE_LIMITED };
        for (ErrorClass c : classes) {
            RequestTrace t = streamedTrace(); // chunks arrived before the failure: still no latency recorded
            t.usage(99, 99);
            t.failed(T0 + 9_000 * US, c, "boom");
            stats.record(t);
        }
        assertThat(stats.requests()).isEqualTo(8);
        assertThat(stats.succeeded()).isEqualTo(1);
        assertThat(stats.errorsTotal()).isEqualTo(7);
        assertThat(stats.errors(ErrorClass.SERVER)).isEqualTo(2);
        assertThat(stats.errors(ErrorClass.TIMEOUT)).isEqualTo(1);
        assertThat(stats.errors(ErrorClass.CLIENT)).isEqualTo(1);
        assertThat(stats.errors(ErrorClass.CONNECTION)).isEqualTo(1);
        assertThat(stats.errors(ErrorClass.PROTOCOL)).isEqualTo(1);
        assertThat(stats.errors(ErrorClass.RATE_LIMITED)).isEqualTo(1);
        assertThat(stats.errorRate()).isCloseTo(7 / 8.0, within(1e-12));
        for (LatencyMetric m : LatencyMetric.values()) {
            boolean interruptedOnly = m == LatencyMetric.INTERRUPTED_E2E || m == LatencyMetric.INTERRUPTED_TTFT;
            long expected = interruptedOnly ? 0 : m == LatencyMetric.ITL ? 3 : 1; // only the successful request
            assertThat(stats.histogram(m).getTotalCount()).as(m.key()).isEqualTo(expected);
        }
        assertThat(stats.inputTokens()).isEqualTo(12);
        assertThat(stats.outputTokens()).isEqualTo(4);
        assertThat(stats.usageReported()).isZero();
    }

    @Test
    void theFirstFailureOfARequestWins() {
        RequestTrace t = new RequestTrace("r", 0, T0, true, 1);
        t.failed(T0 + 1, ErrorClass.TIMEOUT, "first");
        t.failed(T0 + 2, ErrorClass.CONNECTION, "second");
        assertThat(t.error()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(t.errorMessage()).isEqualTo("first");
        assertThat(t.endNanos()).isEqualTo(T0 + 1);
        CellStats stats = new CellStats();
        stats.record(t);
        assertThat(stats.errors(ErrorClass.TIMEOUT)).isEqualTo(1);
        assertThat(stats.errors(ErrorClass.CONNECTION)).isZero();
    }

    @Test
    void retryAfterIsAveragedOverTheErrorsThatCarriedIt() {
        CellStats stats = new CellStats();
        assertThat(stats.meanRetryAfterSeconds()).isNaN();
        for (double seconds : new double[] { 2, 4, Double.NaN }) {
            RequestTrace t = new RequestTrace("r", 0, T0, true, 1);
            t.status(429);
            if (!Double.isNaN(seconds)) {
                t.retryAfter(seconds);
            }
            t.failed(T0 + 1_000, ErrorClass.RATE_LIMITED, "429");
            stats.record(t);
        }
        assertThat(stats.errors(ErrorClass.RATE_LIMITED)).isEqualTo(3);
        assertThat(stats.meanRetryAfterSeconds()).isEqualTo(3.0);
    }

    @Test
    void interruptedRequestsAreCountedSeparatelyAndAreNotRequests() {
        CellStats stats = new CellStats();
        stats.record(streamedTrace());
        RequestTrace cut = streamedTrace();
        cut.interrupted(T0 + 99_000 * US);
        stats.record(cut);
        RequestTrace cutAfterError = new RequestTrace("r", 0, T0, true, 1);
        cutAfterError.failed(T0 + 10, ErrorClass.SERVER, "x");
        cutAfterError.interrupted(T0 + 20);
        stats.record(cutAfterError);

        assertThat(stats.interrupted()).isEqualTo(2);
        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.succeeded()).isEqualTo(1);
        assertThat(stats.errorsTotal()).isZero();
        assertThat(stats.errorRate()).isZero();
        assertThat(stats.histogram(LatencyMetric.E2E).getTotalCount()).isEqualTo(1);
        assertThat(stats.outputTokens()).isEqualTo(4);
    }

    @Test
    void anEmptyCellHasZeroErrorRate() {
        CellStats stats = new CellStats();
        assertThat(stats.requests()).isZero();
        assertThat(stats.errorRate()).isZero();
        for (LatencyMetric m : LatencyMetric.values()) {
            assertThat(stats.histogram(m).getTotalCount()).isZero();
        }
    }

    @Test
    void traceChunkStorageGrowsBeyondItsInitialCapacity() {
        RequestTrace t = new RequestTrace("r", 0, T0, true, 1);
        t.sent(T0);
        for (int i = 0; i < 100; i++) {
            t.content(T0 + (i + 1) * 10 * US, 2);
        }
        t.succeeded(T0 + 1_010 * US);
        assertThat(t.chunks()).isEqualTo(100);
        assertThat(t.chunkNanos(99)).isEqualTo(T0 + 1_000 * US);
        assertThat(t.clientOutputTokens()).isEqualTo(200);
        CellStats stats = new CellStats();
        stats.record(t);
        assertThat(recorded(stats.histogram(LatencyMetric.ITL))).containsExactly(new long[] { 10, 99 });
        // (1010 − 10) µs / 199
        assertOnly(stats, LatencyMetric.TPOT, 5);
    }

    // --- merging ---

    /** Random requests with latencies from 50 µs to minutes, errors, interruptions and usage. */
    static List<RequestTrace> randomTraces(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RequestTrace> traces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long intended = T0 + i * 1_000_000L;
            boolean streamed = random.nextInt(10) > 0;
            RequestTrace t = new RequestTrace("r" + i, random.nextInt(2), intended, streamed, 1 + random.nextInt(500));
            long now = intended + (long) (Math.exp(random.nextDouble() * 12) * 1_000); // 1 µs … 160 ms lag
            t.sent(now);
            int chunks = streamed ? random.nextInt(40) : 0;
            now += (long) (Math.exp(4 + random.nextDouble() * 14) * 1_000); // 55 µs … 66 s to first byte
            for (int c = 0; c < chunks; c++) {
                t.content(now, 1 + random.nextInt(3));
                now += (long) (Math.exp(random.nextDouble() * 12) * 1_000);
            }
            if (!streamed) {
                t.output(1 + random.nextInt(300));
            }
            if (random.nextInt(3) == 0) {
                t.usage(1 + random.nextInt(500), 1 + random.nextInt(120));
            }
            int fate = random.nextInt(100);
            if (fate < 8) {
                ErrorClass c = ErrorClass.values()[random.nextInt(ErrorClass.values().length)];
                if (c == ErrorClass.RATE_LIMITED) {
                    t.retryAfter(1 + random.nextInt(5));
                }
                t.failed(now, c, "e");
            } else if (fate < 10) {
                t.interrupted(now);
            } else {
                t.succeeded(now);
            }
            traces.add(t);
        }
        return traces;
    }

    static void assertSameStats(CellStats actual, CellStats expected) {
        assertThat(actual.requests()).isEqualTo(expected.requests());
        assertThat(actual.succeeded()).isEqualTo(expected.succeeded());
        assertThat(actual.interrupted()).isEqualTo(expected.interrupted());
        for (ErrorClass c : ErrorClass.values()) {
            assertThat(actual.errors(c)).as(c.key()).isEqualTo(expected.errors(c));
        }
        assertThat(actual.inputTokens()).isEqualTo(expected.inputTokens());
        assertThat(actual.outputTokens()).isEqualTo(expected.outputTokens());
        assertThat(actual.usageReported()).isEqualTo(expected.usageReported());
        assertThat(actual.usageMismatches()).isEqualTo(expected.usageMismatches());
        assertThat(actual.meanRetryAfterSeconds()).isEqualTo(Double.valueOf(expected.meanRetryAfterSeconds())); // NaN: none
        for (LatencyMetric m : LatencyMetric.values()) {
            Histogram a = actual.histogram(m);
            Histogram e = expected.histogram(m);
            assertThat(a.getTotalCount()).as(m.key()).isEqualTo(e.getTotalCount());
            assertThat(a.getMaxValue()).as(m.key()).isEqualTo(e.getMaxValue());
            assertThat(a.getMinValue()).as(m.key()).isEqualTo(e.getMinValue());
            assertThat(a.getMean()).as(m.key()).isEqualTo(e.getMean());
            for (double p = 0; p <= 100; p += 0.5) {
                assertThat(a.getValueAtPercentile(p)).as("%s p%s", m.key(), p).isEqualTo(e.getValueAtPercentile(p));
            }
            for (double p : new double[] { 99.9, 99.99, 99.999 }) {
                assertThat(a.getValueAtPercentile(p)).as("%s p%s", m.key(), p).isEqualTo(e.getValueAtPercentile(p));
            }
            assertThat(recorded(a)).as(m.key()).containsExactlyElementsOf(recorded(e));
        }
    }

    @Test
    void mergingThreeCellsEqualsOneCellThatRecordedEverything() {
        List<RequestTrace> traces = randomTraces(20240611L, 6_000);
        CellStats all = new CellStats();
        CellStats[] parts = { new CellStats(), new CellStats(), new CellStats() };
        SplittableRandom split = new SplittableRandom(99);
        for (RequestTrace t : traces) {
            all.record(t);
            parts[split.nextInt(3)].record(t);
        }
        CellStats merged = new CellStats();
        for (CellStats part : parts) {
            merged.add(part);
        }
        assertThat(all.requests()).isGreaterThan(5_000);
        assertThat(all.histogram(LatencyMetric.TTFT).getTotalCount()).isGreaterThan(4_000);
        assertThat(all.histogram(LatencyMetric.TTFT).getMaxValue()).isGreaterThan(10_000_000L); // > 10 s in µs
        assertSameStats(merged, all);
        // and therefore the report numbers agree too
        assertThat(Aggregate.of("x", 4.0, "users", 60, merged)).isEqualTo(Aggregate.of("x", 4.0, "users", 60, all));
    }

    @Test
    void addingAnEmptyCellChangesNothing() {
        CellStats stats = new CellStats();
        randomTraces(5, 200).forEach(stats::record);
        CellStats copy = new CellStats();
        copy.add(stats);
        copy.add(new CellStats());
        assertSameStats(copy, stats);
    }

    @Test
    void dataRoundTripPreservesCountsAndPercentilesExactly() {
        CellStats stats = new CellStats();
        randomTraces(77, 3_000).forEach(stats::record);
        CellData data = stats.toData("heavy", "chat");
        assertThat(data.stage()).isEqualTo("heavy");
        assertThat(data.requestType()).isEqualTo("chat");
        assertThat(data.requests()).isEqualTo(stats.requests());
        assertThat(data.errors()).containsOnlyKeys("rateLimited", "server", "client", "timeout", "connection",
                "protocol");
        assertThat(data.errors().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(stats.errorsTotal());
        assertThat(data.histograms()).containsOnlyKeys("ttft", "ttfa", "itl", "tpot", "e2e", "serviceTime", "sendLag",
                "interruptedE2e", "interruptedTtft");

        CellStats back = CellStats.fromData(data);
        assertSameStats(back, stats);
        // re-encoding may differ in header bytes (auto-resized range) but never in content
        CellData again = back.toData("heavy", "chat");
        assertThat(again).usingRecursiveComparison().ignoringFields("histograms").isEqualTo(data);
        for (LatencyMetric m : LatencyMetric.values()) {
            assertThat(recorded(Histograms.decode(again.histograms().get(m.key()))))
                    .containsExactlyElementsOf(recorded(Histograms.decode(data.histograms().get(m.key()))));
        }
    }

    @Test
    void fromDataTreatsMissingErrorClassesAndHistogramsAsEmpty() {
        CellData sparse = new CellData("s", "t", 5, 4, 0, Map.of("server", 1L), 100, 50, 0, 0, 0, 0,
                Map.of(), 0, 0, 0, null, null, 0, null);
        CellStats stats = CellStats.fromData(sparse);
        assertThat(stats.requests()).isEqualTo(5);
        assertThat(stats.errors(ErrorClass.SERVER)).isEqualTo(1);
        assertThat(stats.errors(ErrorClass.TIMEOUT)).isZero();
        assertThat(stats.errorRate()).isCloseTo(0.2, within(1e-12));
        for (LatencyMetric m : LatencyMetric.values()) {
            assertThat(stats.histogram(m).getTotalCount()).isZero();
        }
    }

    @Test
    void latencyMetricKeysAreTheReportStems() {
        assertThat(LatencyMetric.TTFT.key()).isEqualTo("ttft");
        assertThat(LatencyMetric.SERVICE_TIME.key()).isEqualTo("serviceTime");
        assertThat(LatencyMetric.SEND_LAG.key()).isEqualTo("sendLag");
        assertThat(ErrorClass.RATE_LIMITED.key()).isEqualTo("rateLimited");
    }
}
