package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        Scrapes scrapes = new Scrapes("http://sim/metrics", List.of(
                at(1, 0.10, 0, 5),      // warmup: excluded, but the counter base for "low"
                at(11, 0.20, 0, 15),
                at(15, 0.40, 2, 25),
                at(21, 0.85, 12, 40),
                at(29, 0.95, 30, 3)),   // counter went down: the server restarted (+15 before, +3 after)
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
        assertThat(high.metrics().get("preemptions").increase()).isEqualTo(18.0);
        assertThat(report.alerts()).extracting(a -> a.stage() + " " + a.metric())
                .containsExactly("low preemptions", "high kvCacheUsage", "high waiting", "high preemptions");
    }

    @Test
    void derivedValuesComeFromCounterIncreasesOverTheTimeBetweenScrapes() {
        Scrapes scrapes = new Scrapes("http://sim/metrics", List.of(
                counters(8, 1_000, 500, 100, 40),       // warmup: the base of "low"
                counters(14, 4_000, 1_100, 400, 190),   // 6 s later: +3000 prompt, +600 generated, 150 of 300 hits
                counters(18, 6_000, 1_500, 500, 190),
                counters(25, 9_000, 2_200, 500, 190)),  // "high": no new prefix-cache queries
                0);
        ServerReport report = ServerReportBuilder.build(scrapes, run());

        ServerReport.Stage low = report.stages().get(0);
        assertThat(low.promptTokensPerSecond()).isEqualTo(5_000 / 10.0);
        assertThat(low.generationTokensPerSecond()).isEqualTo(1_000 / 10.0);
        assertThat(low.prefixCacheHitRate()).isEqualTo(150 / 400.0);
        ServerReport.Stage high = report.stages().get(1);
        assertThat(high.promptTokensPerSecond()).isEqualTo(3_000 / 7.0, within(1e-4));
        assertThat(high.prefixCacheHitRate()).as("no queries, no rate").isNull();
        assertThat(report.overall().name()).isEqualTo("overall");
        assertThat(report.overall().generationTokensPerSecond()).isEqualTo(1_700 / 17.0, within(1e-4));
        assertThat(report.overall().metrics().get("promptTokens").increase()).isEqualTo(8_000);

        assertThat(report.timeline()).extracting(ServerReport.Point::offsetSeconds).containsExactly(8.0, 14.0, 18.0,
                25.0);
        assertThat(report.timeline()).extracting(ServerReport.Point::stage).containsExactly("warmup", "low", "low",
                "high");
        assertThat(report.timeline().get(1).values()).containsEntry("generationTokensPerSecond", 100.0)
                .containsEntry("kvCacheUsage", 0.5);
        assertThat(report.timeline().get(0).values()).doesNotContainKey("generationTokensPerSecond");
        assertThat(report.withoutTimeline().timeline()).isNull();
    }

    @Test
    void countersGrowPodByPodSoAPodScaledAwayIsNoResetAndANewOneCountsFromItsFirstScrape() {
        Scrapes scrapes = new Scrapes("pods", List.of(
                pods(11, "a", 100, "b", 50),
                pods(15, "a", 130, "b", 60, "c", 5),   // c joined: it counts from here
                pods(19, "a", 150, "c", 25)),           // b scaled away: the sum drops from 195 to 175
                0);
        ServerReport.Stage low = ServerReportBuilder.build(scrapes, run()).stages().get(0);

        // a +30 +20, b +10, c +20 (not its 5 before its first scrape, not everyone's lifetime again)
        assertThat(low.metrics().get("generationTokens").increase()).isEqualTo(80.0);
        assertThat(ServerReportBuilder.build(scrapes, run()).timeline().get(2).values())
                .containsEntry("generationTokensPerSecond", 40 / 4.0);
    }

    private static TimedSnapshot pods(int second, Object... podsAndCounts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < podsAndCounts.length; i += 2) {
            text.append("vllm:generation_tokens_total{pod=\"").append(podsAndCounts[i]).append("\"} ")
                    .append(podsAndCounts[i + 1]).append('\n');
        }
        return new TimedSnapshot(START.plusSeconds(second),
                ServerSnapshot.from(PrometheusTextParser.parse(text.toString()).samples()));
    }

    @Test
    void summedGaugesPeakAtTheirSumPerGpuGaugesAtTheHottestGpu() {
        String twoPods = "vllm:num_requests_waiting{pod=\"a\"} 8\nvllm:num_requests_waiting{pod=\"b\"} 5\n"
                + "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 90\nDCGM_FI_DEV_GPU_UTIL{gpu=\"1\"} 30\n";
        Scrapes scrapes = new Scrapes("x", List.of(new TimedSnapshot(START.plusSeconds(12),
                ServerSnapshot.from(PrometheusTextParser.parse(twoPods).samples()))), 0);
        ServerReport.Stage low = ServerReportBuilder.build(scrapes, run()).stages().get(0);
        assertThat(low.metrics().get("waiting").max()).isEqualTo(13.0);
        assertThat(low.metrics().get("gpuUtil").mean()).isEqualTo(60.0);
        assertThat(low.metrics().get("gpuUtil").max()).isEqualTo(90.0);
    }

    @Test
    void noSuccessfulScrapeMeansNoServerSection() {
        assertThat(ServerReportBuilder.build(new Scrapes("http://x/metrics", List.of(), 3), run()))
                .isNull();
    }

    private static TimedSnapshot at(int second, double kv, int waiting, int preemptions) {
        String text = "vllm:kv_cache_usage_perc{model_name=\"m\"} " + kv + "\n"
                + "vllm:num_requests_waiting{model_name=\"m\"} " + waiting + "\n"
                + "vllm:num_preemptions_total{model_name=\"m\"} " + preemptions + "\n";
        return new TimedSnapshot(START.plusSeconds(second),
                ServerSnapshot.from(PrometheusTextParser.parse(text).samples()));
    }

    private static TimedSnapshot counters(int second, long prompt, long generated, long queries, long hits) {
        String text = "vllm:kv_cache_usage_perc 0.5\n"
                + "vllm:prompt_tokens_total " + prompt + "\n"
                + "vllm:generation_tokens_total " + generated + "\n"
                + "vllm:prefix_cache_queries_total " + queries + "\n"
                + "vllm:prefix_cache_hits_total " + hits + "\n";
        return new TimedSnapshot(START.plusSeconds(second), ServerSnapshot.from(PrometheusTextParser.parse(text).samples()));
    }

    private static RunData run() {
        return new RunData("t", START.toString(), START.plusSeconds(30).toString(), "closed", "users", "x", "m", 1,
                List.of(new StageInfo("warmup", 1, 10, true), new StageInfo("low", 1, 10, false),
                        new StageInfo("high", 8, 10, false)),
                List.of("chat"), List.of(), List.of(), false, null);
    }
}
