package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.compare.CompareFiles;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.html.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html and compare.html in a real browser (headless Chromium): the pages log nothing to the console (no
 * script error), and every chart on them is drawn with every series holding points — for a fresh quickstart run,
 * for a report written by an older version, and for the comparison of the two. CI installs chromium (.ci/run);
 * without one a local run skips with a message, a CI run fails.
 */
class BrowserRenderTest {

    static final Path OLD_REPORT = CliReportTest.OLD_REPORT;

    @TempDir
    static Path dir;
    static HeadlessChromium chromium;

    @BeforeAll
    static void runQuickstartAndCompareWithAnOldReport() {
        Optional<HeadlessChromium> found = HeadlessChromium.find();
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("chromium is missing in CI: .ci/run must install it");
        }
        assumeThat(found).as("chromium is not installed (apt-get install -y chromium, or set "
                + HeadlessChromium.ENV + "); skipping the browser checks of report.html and compare.html").isPresent();
        chromium = found.get();
        Path quickstart = RepoFiles.root().resolve("examples/quickstart.yaml");
        CliResult run = CliResult.run("run", quickstart.toString(), "--duration-scale", "0.2", "--quiet", "--out",
                dir.resolve("new").toString());
        assertThat(run.err()).isEmpty();
        CliResult old = CliResult.run("report", OLD_REPORT.toString(), "--out", dir.resolve("old").toString());
        assertThat(old.exitCode()).as(old.err()).isZero();
        CliResult compare = CliResult.run("compare", OLD_REPORT.toString(), dir.resolve("new").toString(), "--out",
                dir.resolve("cmp").toString(), "--quiet");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
    }

    @Test
    void aFreshReportDrawsEveryChartWithoutErrors() throws Exception {
        JsonNode state = drawnWithoutErrors(dir.resolve("new").resolve(ReportFiles.HTML), "new");

        assertThat(ids(state)).contains("ttft-time", "itl-time", "e2e-time", "requests-time", "tokens-time",
                "errors-time", "level-time", "server-kv-cache", "server-queue", "ttft-percentiles-stage",
                "itl-percentiles-stage", "e2e-percentiles-stage", "ttft-percentiles-type", "ttft-load", "itl-load",
                "e2e-load", "throughput-load");
        assertThat(labels(chart(state, "ttft-time"))).containsExactly("p50", "p95", "p99");
        assertThat(labels(chart(state, "ttft-percentiles-stage"))).containsExactly("light", "medium", "heavy",
                "overall");
        assertThat(labels(chart(state, "level-time"))).containsExactly("users", "in flight");
        // Quickstart climbs to 32 users: the load chart's y axis reaches them.
        assertThat(chart(state, "level-time").get("yMax").asDouble()).isGreaterThanOrEqualTo(32);
    }

    @Test
    void aReportOfAnOlderVersionDrawsWhatItHas() throws Exception {
        JsonNode state = drawnWithoutErrors(dir.resolve("old").resolve(ReportFiles.HTML), "old");

        // Its timeline has the p95 per interval only, and no ITL per interval; histograms give the curves.
        assertThat(labels(chart(state, "ttft-time"))).containsExactly("p95");
        assertThat(ids(state)).doesNotContain("itl-time").contains("e2e-time", "ttft-percentiles-stage",
                "itl-percentiles-stage", "ttft-load", "server-kv-cache");
    }

    @Test
    void theComparisonOverlaysBothRunsWithoutErrors() throws Exception {
        JsonNode state = drawnWithoutErrors(dir.resolve("cmp").resolve(CompareFiles.HTML), "cmp");

        assertThat(labels(chart(state, "ttft-time"))).containsExactly("A p95", "B p95");
        assertThat(labels(chart(state, "ttft-percentiles-stage"))).containsExactly("A overall", "B overall");
        assertThat(labels(chart(state, "ttft-load"))).containsExactly("A p95", "B p95");
        // Only the new run has ITL per interval: drawn with its series alone.
        assertThat(labels(chart(state, "itl-time"))).containsExactly("B p95");
    }

    /** Loads the page; asserts no console output and that every chart drew every series with points. */
    private static JsonNode drawnWithoutErrors(Path page, String name) throws Exception {
        assertThat(page).exists();
        HeadlessChromium.Page loaded = chromium.load(page, dir.resolve("browser-" + name));
        assertThat(loaded.console()).as("console of %s", page).isEmpty();
        JsonNode state = loaded.state();
        int figures = state.get("figures").asInt();
        assertThat(figures).as("charts on %s", page).isGreaterThan(5);
        assertThat(state.get("charts")).as("every figure drawn").hasSize(figures);
        assertThat(state.get("canvases").asInt()).isEqualTo(figures);
        for (JsonNode chart : state.get("charts")) {
            String id = chart.get("id").asText();
            assertThat(chart.get("width").asInt()).as(id).isGreaterThan(300);
            assertThat(chart.get("yMax").asDouble()).as(id).isGreaterThan(chart.get("yMin").asDouble());
            assertThat(chart.get("series")).as(id).isNotEmpty();
            for (JsonNode series : chart.get("series")) {
                assertThat(series.get("points").asInt()).as("%s %s points", id, series.get("label")).isPositive();
                assertThat(series.get("stroked").asBoolean()).as("%s %s drawn", id, series.get("label")).isTrue();
            }
            assertThat(chart.get("seriesPixels").asInt()).as("%s: pixels in the series' colors", id)
                    .isGreaterThan(20);
        }
        return state;
    }

    private static JsonNode chart(JsonNode state, String id) {
        for (JsonNode chart : state.get("charts")) {
            if (chart.get("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id + " among " + ids(state));
    }

    private static List<String> ids(JsonNode state) {
        List<String> ids = new ArrayList<>();
        state.get("charts").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static List<String> labels(JsonNode chart) {
        List<String> labels = new ArrayList<>();
        chart.get("series").forEach(s -> labels.add(s.get("label").asText()));
        return labels;
    }
}
