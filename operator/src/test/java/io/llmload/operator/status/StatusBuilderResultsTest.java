package io.llmload.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.CapacityStatus;
import io.llmload.operator.api.v1alpha1.CostStatus;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.SaturationStatus;
import io.llmload.operator.api.v1alpha1.UserRequestStatus;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.metrics.UserRequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.slo.Goodput;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.SloSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Capacity, cost, goodput and health bands reach the status only with the final (verdict) results. */
class StatusBuilderResultsTest {

    private static final long MS = 1_000_000L;

    /**
     * 50 streamed successes per stage, 2 output tokens each; stages of 10 s at 4 users (E2E 200 ms) and 8 users
     * (E2E 500 ms), judged against e2e p95 ≤ 300ms.
     */
    private static Report report() {
        SloSpec slo = new SloSpec(null, null, null, new PercentileTargets(null, null, "300ms", null), null, null);
        List<CellData> cells = new ArrayList<>();
        double[] e2e = { 200, 500 };
        for (int s = 0; s < 2; s++) {
            CellStats cell = new CellStats();
            for (int i = 0; i < 50; i++) {
                RequestTrace t = new RequestTrace("r", 0, MS, true, 10);
                t.sent(MS);
                t.content(MS + 50 * MS, 1);
                t.content(MS + 60 * MS, 1);
                t.succeeded(MS + Math.round(e2e[s] * MS));
                cell.record(t, Goodput.thresholds(slo));
            }
            cells.add(cell.toData("s" + s, "chat"));
        }
        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("s0", 4, 10, false), new StageInfo("s1", 8, 10, false)),
                List.of("chat"), cells, List.of(), false, null);
        return ReportBuilder.build(data, slo, new CostSpec(3.6, 1, null, null));
    }

    private static LlmLoadTest test() {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(1L).build());
        return test;
    }

    @Test
    void finalResultsCarryCapacityCostGoodputAndHealth() {
        LlmLoadTestStatus status = new StatusBuilder(test(), Clock.systemUTC()).results(report(), true).build();
        CapacityStatus capacity = status.getCapacity();
        assertThat(capacity.maxUsersAtSlo()).isEqualTo(4);
        assertThat(capacity.saturatedAt()).isEqualTo(new SaturationStatus("s1", 8.0, "p95 E2E 2.50x the baseline"));
        assertThat(capacity.summary())
                .isEqualTo("holds 4 concurrent users at SLO (saturates at 8 users: p95 E2E 2.50x the baseline)");
        CostStatus cost = status.getCost();
        assertThat(cost.pricing()).isEqualTo("gpu");
        // 3.6 per GPU-hour × 20 s = 0.02 over 100 requests and 200 output tokens.
        assertThat(cost.overall().total()).isCloseTo(0.02, within(1e-12));
        assertThat(cost.overall().perRequest()).isCloseTo(0.0002, within(1e-12));
        assertThat(cost.overall().perMillionOutputTokens()).isCloseTo(100.0, within(1e-9));
        assertThat(cost.stages()).extracting(s -> s.name()).containsExactly("s0", "s1");
        // Goodput per request: every request of s0 within 300 ms E2E, none of s1.
        assertThat(status.getStages().get(0).goodput()).isEqualTo(5.0);
        assertThat(status.getStages().get(1).goodput()).isEqualTo(0.0);
        assertThat(status.getSummary().goodput()).isEqualTo(2.5);
        assertThat(status.getStages().get(0).e2eHealthBand()).isEqualTo("healthy");
    }

    @Test
    void liveResultsLeaveCapacityAndCostOut() {
        LlmLoadTestStatus status = new StatusBuilder(test(), Clock.systemUTC()).results(report(), false).build();
        assertThat(status.getCapacity()).isNull();
        assertThat(status.getCost()).isNull();
        assertThat(status.getSummary()).isNotNull();
    }

    @Test
    void compositeTypesGetTheirUserRequestFigures() {
        long ms = 1_000_000L;
        CellStats rag = new CellStats();
        rag.trackUserRequests();
        for (int i = 1; i <= 9; i++) {
            rag.recordUserRequest(new UserRequestTrace(0, 0, 100L * i * ms, 2, 500 + i, 0,
                    UserRequestTrace.Outcome.SUCCEEDED));
        }
        rag.recordUserRequest(new UserRequestTrace(0, 0, 20 * ms, 1, 16, 0, UserRequestTrace.Outcome.FAILED));
        CellStats chat = new CellStats();
        RequestTrace ok = new RequestTrace("r", 0, 0, true, 10);
        ok.sent(0);
        ok.content(10 * ms, 5);
        ok.succeeded(20 * ms);
        chat.record(ok);
        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("s", 4, 10, false)), List.of("rag.generate"),
                List.of(chat.toData("s", "rag.generate"), rag.toData("s", "rag")), List.of(), false, null);

        LlmLoadTestStatus status = new StatusBuilder(test(), Clock.systemUTC())
                .results(ReportBuilder.build(data, null), false).build();

        assertThat(status.getUserRequests()).hasSize(1);
        UserRequestStatus u = status.getUserRequests().get(0);
        assertThat(u.type()).isEqualTo("rag");
        assertThat(u.count()).isEqualTo(10);
        assertThat(u.failed()).isEqualTo(1);
        assertThat(u.interrupted()).isZero();
        // The succeeded ones: 100 .. 900 ms, 501 .. 509 tokens, 2 steps each.
        assertThat(u.e2eP99Ms()).isCloseTo(900, within(1.0));
        assertThat(u.tokensP99()).isEqualTo(509);
        assertThat(u.meanSteps()).isEqualTo(2.0);
        assertThat(new StatusBuilder(test(), Clock.systemUTC()).results(report(), true).build().getUserRequests())
                .isNull();
    }
}
