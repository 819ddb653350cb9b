package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scrapes are attributed to stages by time; gauges give mean and max, counters their increase; alerts fire. */
class ServerReportBuilderTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void stagesGetTheirOwnScrapesGaugeMeansMaximaAndCounterIncreases() {
        ServerScraper.Scrapes scrapes = new ServerScraper.Scrapes("http://sim/metrics", List.of(
                at(1, 0.10, 0, 5),      // warmup: excluded, but the counter base for "low"
                at(11, 0.20, 0, 15),
                at(15, 0.40, 2, 25),
                at(21, 0.85, 12, 40),
                at(29, 0.95, 30, 3)),   // counter went down: the server restarted
                1);
        ServerReport report = ServerReportBuilder.build(scrapes, run());

        assertThat(report.scrapes()).isEqualTo(5);
        assertThat(report.failedScrapes()).isEqualTo(1);
        assertThat(report.stages()).extracting(ServerReport.Stage::name).containsExactly("low", "high");
        ServerReport.Stage low = report.stages().get(0);
        assertThat(low.metrics().get("kvCacheUsage").mean()).isEqualTo(0.3);
        assertThat(low.metrics().get("kvCacheUsage").max()).isEqualTo(0.4);
        assertThat(low.metrics().get("waiting").max()).isEqualTo(2.0);
        assertThat(low.metrics().get("preemptions").increase()).isEqualTo(20.0);
        ServerReport.Stage high = report.stages().get(1);
        assertThat(high.metrics().get("preemptions").increase()).isEqualTo(3.0);
        assertThat(report.alerts()).extracting(a -> a.stage() + " " + a.metric())
                .containsExactly("low preemptions", "high kvCacheUsage", "high waiting", "high preemptions");
    }

    @Test
    void noSuccessfulScrapeMeansNoServerSection() {
        assertThat(ServerReportBuilder.build(new ServerScraper.Scrapes("http://x/metrics", List.of(), 3), run()))
                .isNull();
    }

    private static ServerScraper.TimedSnapshot at(int second, double kv, int waiting, int preemptions) {
        String text = "vllm:kv_cache_usage_perc{model_name=\"m\"} " + kv + "\n"
                + "vllm:num_requests_waiting{model_name=\"m\"} " + waiting + "\n"
                + "vllm:num_preemptions_total{model_name=\"m\"} " + preemptions + "\n";
        return new ServerScraper.TimedSnapshot(START.plusSeconds(second),
                ServerSnapshot.from(PrometheusText.parse(text).samples()));
    }

    private static RunData run() {
        return new RunData("t", START.toString(), START.plusSeconds(30).toString(), "closed", "users", "x", "m", 1,
                List.of(new StageInfo("warmup", 1, 10, true), new StageInfo("low", 1, 10, false),
                        new StageInfo("high", 8, 10, false)),
                List.of("chat"), List.of(), List.of(), false, null);
    }
}
