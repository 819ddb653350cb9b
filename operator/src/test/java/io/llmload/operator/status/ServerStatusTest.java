package io.llmload.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ServerStatus;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.servermetrics.PrometheusTextParser;
import io.llmload.runner.servermetrics.Scrapes;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.servermetrics.ServerReportBuilder;
import io.llmload.runner.servermetrics.ServerSnapshot;
import io.llmload.runner.servermetrics.TimedSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status.server: the report's overall server figures, KV cache and SM in percent, and its alerts. */
class ServerStatusTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private static TimedSnapshot at(int second, double kv, int waiting, double sm, long hits, long queries) {
        String text = "vllm:kv_cache_usage_perc " + kv + "\n"
                + "vllm:num_requests_waiting " + waiting + "\n"
                + "vllm:num_requests_running 8\n"
                + "vllm:prefix_cache_hits_total " + hits + "\n"
                + "vllm:prefix_cache_queries_total " + queries + "\n"
                + "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 70\nDCGM_FI_DEV_GPU_UTIL{gpu=\"1\"} 90\n"
                + "DCGM_FI_DEV_FB_USED{gpu=\"0\"} 70000\nDCGM_FI_DEV_POWER_USAGE{gpu=\"0\"} 400\n"
                + "DCGM_FI_PROF_SM_ACTIVE{gpu=\"0\"} " + sm + "\n";
        return new TimedSnapshot(START.plusSeconds(second), ServerSnapshot.from(PrometheusTextParser.parse(text).samples()));
    }

    private static Report report() {
        RunData data = new RunData("t", START.toString(), START.plusSeconds(20).toString(), "closed", "users", "x",
                "m", 1, List.of(new StageInfo("low", 1, 10, false), new StageInfo("high", 8, 10, false)),
                List.of("chat"), List.of(), List.of(), false, null);
        ServerReport server = ServerReportBuilder.build(new Scrapes("pods app=vllm in models", List.of(
                at(2, 0.30, 0, 0.40, 0, 0),
                at(8, 0.50, 2, 0.50, 100, 400),
                at(14, 0.70, 6, 0.60, 300, 800),
                at(18, 0.95, 14, 0.90, 500, 1_200)), 0), data);
        return ReportBuilder.build(data, null, null).withServer(server);
    }

    @Test
    void theWholeRunsServerFiguresAndAlertsInPercent() {
        ServerStatus s = ServerStatus.of(report().server());
        assertThat(s.source()).isEqualTo("pods app=vllm in models");
        assertThat(s.scrapes()).isEqualTo(4);
        assertThat(s.kvCacheUsagePercent()).isEqualTo(new ServerStatus.ServerGauge(61.25, 95.0));
        assertThat(s.waiting()).isEqualTo(new ServerStatus.ServerGauge(5.5, 14.0));
        assertThat(s.running().max()).isEqualTo(8.0);
        assertThat(s.gpuUtilPercent()).isEqualTo(new ServerStatus.ServerGauge(80.0, 90.0));
        assertThat(s.fbUsedMiB().max()).isEqualTo(70_000.0);
        assertThat(s.powerWatts().mean()).isEqualTo(400.0);
        assertThat(s.smActivePercent()).isEqualTo(new ServerStatus.ServerGauge(60.0, 90.0));
        // Hits over queries during the measured stages: (500 - 0) / (1200 - 0) from the first scrape's base.
        assertThat(s.prefixCacheHitPercent()).isEqualTo(41.67);
        assertThat(s.alerts()).extracting(a -> a.stage() + " " + a.metric() + " " + a.observed() + ">" + a.threshold())
                .containsExactly("high kvCacheUsage 95.0>80.0", "high smActive 90.0>85.0", "high waiting 14.0>10.0");
    }

    @Test
    void theStatusCarriesItWithTheFinalResultsOnly() {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(1L).build());
        LlmLoadTestStatus live = new StatusBuilder(test, Clock.systemUTC()).results(report(), false).build();
        assertThat(live.getServer()).isNull();
        LlmLoadTestStatus last = new StatusBuilder(test, Clock.systemUTC()).results(report(), true).build();
        assertThat(last.getServer().kvCacheUsagePercent().max()).isEqualTo(95.0);
        assertThat(ServerStatus.of(null)).isNull();
    }
}
