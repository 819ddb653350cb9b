package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.UserRequestTrace;
import io.llmload.runner.metrics.UserRequestTrace.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-user-request figures survive the worker's JSON, merge losslessly across runners, and land in report.json's
 * userRequests[] per composite type and measured stage, warmup excluded.
 */
class UserRequestReportTest {

    private static final long MS = 1_000_000L;
    private static final List<StageInfo> STAGES = List.of(new StageInfo("warmup", 2, 5, true),
            new StageInfo("s1", 2, 10, false), new StageInfo("s2", 4, 10, false));
    private static final List<String> TYPES = List.of("chat", "rag.retrieve", "rag.generate");
    /** What the worker writes (nulls left out) and what the operator reads (unknown fields ignored). */
    private static final ObjectMapper WORKER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final ObjectMapper OPERATOR = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static UserRequestTrace user(long e2eMs, long tokens, int steps, long thinkMs, Outcome outcome) {
        return new UserRequestTrace(0, 0, e2eMs * MS, steps, tokens, thinkMs * MS, outcome);
    }

    /** One runner's cells: per stage, a plain chat cell, the RAG calls' cells, and the RAG entry's own cell. */
    private static RunData runner(List<List<UserRequestTrace>> perStage) {
        List<CellData> cells = new ArrayList<>();
        for (int s = 0; s < STAGES.size(); s++) {
            String stage = STAGES.get(s).name();
            for (String type : TYPES) {
                CellStats cell = new CellStats();
                Traces.addOk(3, 50, cell);
                cells.add(cell.toData(stage, type));
            }
            CellStats rag = new CellStats();
            rag.trackUserRequests();
            perStage.get(s).forEach(rag::recordUserRequest);
            cells.add(rag.toData(stage, "rag"));
        }
        return new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:25Z", "closed", "users", "x", "m", 1,
                STAGES, TYPES, cells, List.of(), false, null);
    }

    private static RunData throughTheWire(RunData data) throws Exception {
        return OPERATOR.readValue(WORKER.writeValueAsBytes(data), RunData.class);
    }

    @Test
    void userRequestsMergeAcrossRunnersAndAreReportedPerTypeAndStageWithoutWarmup() throws Exception {
        List<UserRequestTrace> a1 = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            a1.add(user(i * 100, 1000 + i, 2, 0, Outcome.SUCCEEDED));
        }
        a1.add(user(30, 0, 1, 0, Outcome.FAILED));
        a1.add(user(10, 0, 1, 0, Outcome.INTERRUPTED));
        a1.add(user(10, 0, 1, 0, Outcome.INTERRUPTED));
        RunData a = runner(List.of(List.of(user(9_999, 99_999, 2, 0, Outcome.SUCCEEDED)), a1, List.of()));
        List<UserRequestTrace> b1 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            b1.add(user(50, 900, 2, 0, Outcome.SUCCEEDED));
        }
        List<UserRequestTrace> b2 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            b2.add(user(2_000, 500, 2, 0, Outcome.SUCCEEDED));
        }
        RunData b = runner(List.of(List.of(), b1, b2));

        RunData merged = RunDataMerger.merge(List.of(throughTheWire(a), throughTheWire(b)));
        Report report = ReportBuilder.build(merged, null);

        assertThat(report.requestTypes()).extracting(Aggregate::name).containsExactlyElementsOf(TYPES);
        assertThat(report.userRequests()).hasSize(1);
        UserRequestReport rag = report.userRequests().get(0);
        assertThat(rag.type()).isEqualTo("rag");
        UserRequestFigures all = rag.overall();
        assertThat(all.stage()).isNull();
        assertThat(all.count()).isEqualTo(10 + 1 + 4 + 5);
        assertThat(all.succeeded()).isEqualTo(19);
        assertThat(all.failed()).isEqualTo(1);
        assertThat(all.interrupted()).isEqualTo(2);
        assertThat(all.failureRate()).isEqualTo(0.05);
        assertThat(all.userRequestsPerSecond()).isEqualTo(1.0);
        // The warmup's 9.999 s user request is left out.
        assertThat(all.e2eMs().max()).isEqualTo(2000, offset(2.0));
        assertThat(all.e2eMs().count()).isEqualTo(19);
        assertThat(all.tokens().max()).isEqualTo(1010);
        // Sorted: 5 × 500, 4 × 900, 1001..1010: the 10th of 19 is 1001.
        assertThat(all.tokens().p50()).isEqualTo(1001);
        assertThat(all.steps().mean()).isEqualTo(2.0);
        assertThat(all.meanThinkTimeMs()).isEqualTo(0.0);

        assertThat(rag.stages()).extracting(UserRequestFigures::stage).containsExactly("s1", "s2");
        UserRequestFigures s1 = rag.stages().get(0);
        assertThat(s1.count()).isEqualTo(15);
        // 4 × 50 ms, then 100 ms .. 1 s: the 7th of 14 is 300 ms.
        assertThat(s1.e2eMs().p50()).isEqualTo(300, offset(0.5));
        assertThat(s1.userRequestsPerSecond()).isEqualTo(1.5);
        assertThat(rag.stages().get(1).count()).isEqualTo(5);
        assertThat(rag.stages().get(1).tokens().p99()).isEqualTo(500);

        // report.html: one table per composite type, stage rows then overall (count, failed, interrupted).
        assertThat(HtmlReport.render(report)).contains("<h2>User requests</h2>", "<h3>rag</h3>",
                "<tr><td>overall</td><td>20</td><td>1</td><td>2</td>");

        // The RAG entry's own cell carries no requests: overall counts only the calls.
        assertThat(report.overall().requests()).isEqualTo(2 * 2 * 3 * 3);
    }

    @Test
    void thinkTimeIsReportedAsPartOfEndToEndAndPlainCellsCarryNoUserRequestField() throws Exception {
        CellStats session = new CellStats();
        session.recordUserRequest(user(1_500, 300, 4, 900, Outcome.SUCCEEDED));
        session.recordUserRequest(user(2_500, 300, 4, 900, Outcome.SUCCEEDED));
        CellStats chat = new CellStats();
        Traces.addOk(2, 40, chat);
        RunData data = new RunData("t", "a", "b", "closed", "users", "x", "m", 1,
                List.of(new StageInfo("only", 1, 10, false)), List.of("chat", "s"),
                List.of(chat.toData("only", "chat"), session.toData("only", "s")), List.of(), false, null);

        Report report = ReportBuilder.build(throughTheWire(data), null);
        UserRequestFigures s = report.userRequests().get(0).overall();
        assertThat(s.meanThinkTimeMs()).isEqualTo(900.0);
        assertThat(s.e2eMs().mean()).isEqualTo(2000, offset(3.0));

        JsonNode json = ReportFiles.mapper().readTree(ReportFiles.toJson(report));
        assertThat(json.get("histograms").get(0).has("userRequests")).isFalse();
        assertThat(json.get("histograms").get(1).get("userRequests").get("count").asLong()).isEqualTo(2);
        assertThat(json.get("userRequests").get(0).get("overall").get("e2eMs").get("p99").asDouble())
                .isEqualTo(2500, offset(3.0));
        // llmload report reads report.json back.
        Report read = ReportFiles.mapper().readValue(ReportFiles.toJson(report), Report.class);
        assertThat(read.userRequests()).isEqualTo(report.userRequests());
    }
}
