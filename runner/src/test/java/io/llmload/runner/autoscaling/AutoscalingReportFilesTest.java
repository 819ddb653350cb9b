package io.llmload.runner.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.AutoscalingSpec.ScalingExpectations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autoscaling section survives report.json (as `llmload report` reads it back) and shows in report.html. */
class AutoscalingReportFilesTest {

    @TempDir
    Path dir;

    private Report report;

    @BeforeEach
    void writeAJudgedRun() throws Exception {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 40).stage("cool-down", 8, 30)
                .ttft(s -> s > 20 && s <= 35 ? 1500 : 100)
                .replicas(0, 24, 1, 1).replicas(24, 34, 3, 1).replicas(34, 35, 3, 2).replicas(35, 75, 3, 3)
                .replicas(75, 91, 1, 1);
        AutoscalingSpec spec = new AutoscalingSpec(null, null,
                new ScalingExpectations("10s", "30s", 1, 4, "Degraded"), null);
        report = AutoscalingAnalysis.analyze(spec, null, run.data(), run.timeline())
                .applyTo(ReportBuilder.build(run.data(), null));
        ReportFiles.writeAll(report, dir);
    }

    @Test
    void theSectionReadsBackFromReportJsonAsWritten() throws Exception {
        Report read = ReportFiles.read(dir.resolve(ReportFiles.JSON));

        AutoscalingReport section = ReportFiles.mapper().convertValue(read.autoscaling(), AutoscalingReport.class);
        assertThat(section).isEqualTo(report.autoscaling());
        assertThat(read.verdict()).isEqualTo("Breach");
        assertThat(read.slo()).isEqualTo(report.slo());
        assertThat(Files.readString(dir.resolve(ReportFiles.JSON))).contains("\"autoscaling\" : {")
                .contains("\"detail\" : \"1 → 3 replicas Ready 15 s after the load step");
    }

    @Test
    void theHtmlPageShowsTheSectionAndKeepsItsRowsOutOfTheLatencyTable() throws Exception {
        String html = Files.readString(dir.resolve(ReportFiles.HTML));

        assertThat(html).contains("<h2>Autoscaling</h2>").contains("scaled 1 → 3 replicas")
                .contains("<td>scaleUpWithin</td><td>10s</td><td class=\"Breach\">missed</td>")
                .contains("<h3>Scaling events</h3>").contains("<td>scale-up-1</td><td>20.0–35.0</td>")
                .contains("<h3>Replica changes</h3>");
        assertThat(html).doesNotContain("<td>autoscaling</td><td>scaleUpWithin</td>");
    }
}
