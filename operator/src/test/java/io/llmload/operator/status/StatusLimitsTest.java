package io.llmload.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.spec.CostSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status keeps its lists within bounds and says what it left out, for the lists and for the report. */
class StatusLimitsTest {

    private static final long MS = 1_000_000L;
    private static final int STAGES = 120;

    /** 120 one-second stages with one request each, priced per GPU hour (a cost row per stage). */
    private static Report report() {
        List<CellData> cells = new ArrayList<>();
        List<StageInfo> stages = new ArrayList<>();
        for (int s = 0; s < STAGES; s++) {
            CellStats cell = new CellStats();
            RequestTrace t = new RequestTrace("r" + s, 0, MS, true, 10);
            t.sent(MS);
            t.content(MS + 20 * MS, 1);
            t.content(MS + 30 * MS, 1);
            t.succeeded(MS + 40 * MS);
            cell.record(t);
            cells.add(cell.toData("s" + s, "chat"));
            stages.add(new StageInfo("s" + s, s + 1, 1, false));
        }
        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z", "closed", "users", "sim",
                "m", 1, stages, List.of("chat"), cells, List.of(), false, null);
        return ReportBuilder.build(data, null, new CostSpec(3.6, 1, null, null));
    }

    private static LlmLoadTest test() {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(1L).build());
        return test;
    }

    @Test
    void longListsShowTheirFirstEntriesAndSaySoAndTheReportNoteStaysUntilAReRun() {
        Report report = report();
        assertThat(report.stages()).hasSize(STAGES);
        StatusBuilder builder = new StatusBuilder(test(), Clock.systemUTC()).results(report, true)
                .reportDropped(List.of("timeline", "histograms"));
        LlmLoadTestStatus status = builder.build();

        assertThat(status.getStages()).hasSize(StatusLimits.STAGES)
                .extracting(s -> s.name()).startsWith("s0", "s1").endsWith("s" + (StatusLimits.STAGES - 1));
        assertThat(status.getCost().stages()).hasSize(StatusLimits.STAGES);
        assertThat(status.getSummary().requests()).as("the summary covers every stage").isEqualTo(STAGES);
        assertThat(status.getTruncated()).containsExactly(
                "status.stages: the first 50 of 120 are shown; the report ConfigMap has them all",
                "status.cost.stages: the first 50 of 120 are shown; the report ConfigMap has them all",
                "report: left out timeline, histograms to fit the 1 MiB ConfigMap limit; the runners' results "
                        + "were complete");

        // The next results replace the list notes only; a re-run starts clean.
        LlmLoadTestStatus again = new StatusBuilder(withStatus(status), Clock.systemUTC()).results(report, false)
                .build();
        assertThat(again.getTruncated()).hasSize(3);
        assertThat(new StatusBuilder(withStatus(status), Clock.systemUTC()).reset().build().getTruncated()).isNull();
    }

    @Test
    void shortListsAreWholeAndNothingIsNoted() {
        List<CellData> cells = List.of(report().histograms().get(0));
        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("s0", 1, 1, false)), List.of("chat"), cells, List.of(), false, null);
        LlmLoadTestStatus status = new StatusBuilder(test(), Clock.systemUTC())
                .results(ReportBuilder.build(data, null), true).reportDropped(List.of()).build();
        assertThat(status.getStages()).hasSize(1);
        assertThat(status.getTruncated()).isNull();
    }

    private static LlmLoadTest withStatus(LlmLoadTestStatus status) {
        LlmLoadTest test = test();
        test.setStatus(status);
        return test;
    }
}
