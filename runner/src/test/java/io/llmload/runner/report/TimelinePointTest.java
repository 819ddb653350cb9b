package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelinePointTest {

    @Test
    void anIntervalKeepsItsLatencyPercentilesAndErrorClasses() throws Exception {
        CellStats interval = new CellStats();
        for (int ms = 10; ms <= 100; ms += 10) {
            Traces.add(Traces.ok(ms), interval);
        }
        Traces.add(Traces.failed(ErrorClass.SERVER), interval);
        Traces.add(Traces.failed(ErrorClass.TIMEOUT), interval);

        TimelinePoint p = TimelinePoint.of(2.0004, "light", 4, interval, 0.5, 3);

        assertThat(p.offsetSeconds()).isEqualTo(2.0);
        assertThat(p.requests()).isEqualTo(12);
        assertThat(p.requestsPerSecond()).isEqualTo(24.0);
        assertThat(p.ttftMs().p50()).isCloseTo(50, within(0.1));
        assertThat(p.ttftMs().p95()).isCloseTo(100, within(0.1));
        assertThat(p.ttftMs().p99()).isCloseTo(100, within(0.1));
        assertThat(p.ttftP95Ms()).isEqualTo(p.ttftMs().p95());
        assertThat(p.e2eMs().p50()).isCloseTo(150, within(0.2)); // TTFT + 100 ms
        assertThat(p.itlMs().p50()).isCloseTo(20, within(0.05));
        assertThat(p.errors()).isEqualTo(2);
        assertThat(p.errorsByClass()).isEqualTo(Map.of("server", 1L, "timeout", 1L));

        String json = ReportFiles.mapper().writeValueAsString(p);
        assertThat(ReportFiles.mapper().readValue(json, TimelinePoint.class)).isEqualTo(p);
    }

    @Test
    void anEmptyIntervalWritesWhatOlderReportsHad() throws Exception {
        TimelinePoint p = TimelinePoint.of(1, "warmup", 4, new CellStats(), 1, 0);
        JsonNode json = ReportFiles.mapper().valueToTree(p);

        assertThat(p.ttftMs()).isNull();
        assertThat(p.errorsByClass()).isNull();
        assertThat(json.has("ttftMs")).isFalse();
        assertThat(json.has("errorsByClass")).isFalse();
        assertThat(json.has("ttftP95Ms")).isTrue();
    }
}
