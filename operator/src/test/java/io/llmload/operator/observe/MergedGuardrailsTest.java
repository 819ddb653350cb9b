package io.llmload.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestSpec;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.spec.GuardrailSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runners' guardrail rules on the merged stream: per-poll increases of every runner's cumulative counts and
 * TTFT histograms, summed, judged with the same window and 20-attempt minimum.
 */
class MergedGuardrailsTest {

    private static final long MS = 1_000_000L;
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    /** A runner's cumulative data: so many requests, the first {@code errors} of them failed, TTFT {@code ttftMs}. */
    private static RunData runner(int requests, int errors, long ttftMs) {
        CellStats cell = new CellStats();
        for (int i = 0; i < requests; i++) {
            RequestTrace t = new RequestTrace("r" + i, 0, MS, true, 10);
            t.sent(MS);
            if (i < errors) {
                t.failed(2 * MS, ErrorClass.SERVER, "HTTP 500");
            } else {
                t.content(MS + ttftMs * MS, 1);
                t.succeeded(MS + (ttftMs + 10) * MS);
            }
            cell.record(t);
        }
        return new RunData("t", START.toString(), START.toString(), "open", "req/s", "x", "m", 1,
                List.of(new StageInfo("long", 8, 60, false)), List.of("chat"), List.of(cell.toData("long", "chat")),
                List.of(), false, null);
    }

    private static LlmLoadTest test(GuardrailSpec guardrails) {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withUid("u1").build());
        LlmLoadTestSpec spec = new LlmLoadTestSpec();
        spec.setGuardrails(guardrails);
        test.setSpec(spec);
        return test;
    }

    /** Poll {@code n}: every one of {@code runners} runners has {@code perPoll × n} requests, half failed. */
    private static Optional<String> poll(MergedGuardrails g, LlmLoadTest test, int n, int runners, int perPoll) {
        Map<Integer, RunData> byRunner = new HashMap<>();
        for (int r = 0; r < runners; r++) {
            byRunner.put(r, runner(perPoll * n, perPoll * n / 2, 50));
        }
        return at(g, test, n, byRunner);
    }

    /** What the guardrails say at {@code seconds} after the start, given each runner's cumulative data. */
    private static Optional<String> at(MergedGuardrails g, LlmLoadTest test, long seconds,
            Map<Integer, RunData> byRunner) {
        return g.observe(test, test.getSpec().getGuardrails(), START, START.plusSeconds(seconds), byRunner);
    }

    @Test
    void fourRunnersEachUnderTheMinimumTripTogether() {
        MergedGuardrails g = new MergedGuardrails();
        LlmLoadTest test = test(new GuardrailSpec("10%", "5s", null, null));
        g.begin(test, test.getSpec().getGuardrails());
        // 4 runners × 4 requests per 1 s poll: 16 in the window after one poll, 32 after two.
        assertThat(poll(g, test, 0, 4, 4)).isEmpty();
        assertThat(poll(g, test, 1, 4, 4)).as("16 attempts: under the minimum").isEmpty();
        Optional<String> reason = poll(g, test, 2, 4, 4);
        assertThat(reason).hasValueSatisfying(r -> assertThat(r)
                .startsWith("guardrail abortOnErrorRate: error rate 50% (16 of 32 requests) over the last 2s > 10%")
                .endsWith("(all 4 runners merged)"));
        assertThat(poll(g, test, 3, 4, 4)).as("the same reason until stopped").isEqualTo(reason);
        // One runner alone at 3 per second never gets there within its 5 s window (15 attempts).
        MergedGuardrails alone = new MergedGuardrails();
        alone.begin(test, test.getSpec().getGuardrails());
        for (int n = 0; n <= 8; n++) {
            assertThat(poll(alone, test, n, 1, 3)).isEmpty();
        }
    }

    @Test
    void ttftP99IsReadFromTheMergedIncreaseOfTheHistograms() {
        MergedGuardrails g = new MergedGuardrails();
        LlmLoadTest test = test(new GuardrailSpec(null, "10s", "1s", null));
        g.begin(test, test.getSpec().getGuardrails());
        Map<Integer, RunData> fast = Map.of(0, runner(30, 0, 100), 1, runner(30, 0, 100));
        assertThat(at(g, test, 1, fast)).isEmpty();
        // Runner 1's next 30 requests are slow (2 s TTFT): its cumulative histogram minus the previous one.
        RunData slow = runner(60, 0, 100);
        RunData slowMerged = io.llmload.runner.report.RunDataMerger.merge(List.of(runner(30, 0, 100),
                runner(30, 0, 2_000)));
        assertThat(at(g, test, 2, Map.of(0, slow, 1, slowMerged)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("guardrail abortOnTtftP99: p99 TTFT 2.0s"));
    }

    @Test
    void afterAnOperatorRestartTheFirstPollIsOnlyTheBaseline() {
        MergedGuardrails g = new MergedGuardrails();
        LlmLoadTest test = test(new GuardrailSpec("10%", "5s", null, null));
        // No begin(): this operator process did not see the start. 400 failures so far must not count as one poll.
        assertThat(at(g, test, 100, Map.of(0, runner(400, 200, 50)))).isEmpty();
        assertThat(at(g, test, 101, Map.of(0, runner(410, 200, 50)))).isEmpty();
        assertThat(at(g, test, 102, Map.of(0, runner(440, 230, 50)))).isPresent();
    }

    @Test
    void aRunnerWhoseCountsWentDownIsTakenAsNewAndNothingThrows() {
        MergedGuardrails g = new MergedGuardrails();
        LlmLoadTest test = test(new GuardrailSpec("50%", "5s", null, null));
        g.begin(test, test.getSpec().getGuardrails());
        assertThat(at(g, test, 1, Map.of(0, runner(30, 0, 50)))).isEmpty();
        assertThat(at(g, test, 2, Map.of(0, runner(5, 0, 50)))).isEmpty();
    }

    @Test
    void withoutWindowedGuardrailsNothingIsJudged() {
        MergedGuardrails g = new MergedGuardrails();
        LlmLoadTest onlyDuration = test(new GuardrailSpec(null, null, null, "1s"));
        g.begin(onlyDuration, onlyDuration.getSpec().getGuardrails());
        assertThat(g.observe(onlyDuration, onlyDuration.getSpec().getGuardrails(), START, START.plusSeconds(100),
                Map.of(0, runner(100, 100, 50)))).isEmpty();
        assertThat(g.observe(test(null), null, START, START.plusSeconds(100), Map.of(0, runner(100, 100, 50))))
                .isEmpty();
    }
}
