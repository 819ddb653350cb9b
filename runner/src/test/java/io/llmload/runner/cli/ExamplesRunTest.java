package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.spec.LoadSpec;
import java.time.Duration;
import io.llmload.runner.spec.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every local example runs on the embedded simulator, compressed to a few seconds: it sends every request type of its
 * mix and the simulator answers all of them. (Timing-dependent verdicts are not asserted; the quickstart test and the
 * engine tests judge the numbers.)
 */
class ExamplesRunTest {

    /** Seconds each example is compressed to: long enough for every mix entry to be drawn a few times. */
    private static final double SECONDS_PER_EXAMPLE = 6;

    static Stream<Path> localExamples() throws Exception {
        return Files.list(RepoFiles.root().resolve("examples"))
                .filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().contains("-k8s"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("localExamples")
    void runsOnTheEmbeddedSimulator(Path example) throws Exception {
        LoadSpec load = ManifestReader.read(example).spec().load();
        // A capacity search runs up to its probe budget, each probe a plan of its own.
        double plannedSeconds = SearchPlan.isSearch(load)
                ? SearchPlan.of(load, Duration.ofSeconds(60), 1.0).maxPlannedDuration().toNanos() / 1e9
                : PlanResolver.resolve(load, 1.0).totalNanos() / 1e9;
        String scale = String.valueOf(Math.min(1.0, SECONDS_PER_EXAMPLE / plannedSeconds));
        Path out = Files.createTempDirectory("llmload-example");

        CliResult result = CliResult.run("run", example.toString(), "--duration-scale", scale, "--quiet",
                "--out", out.toString());

        assertThat(result.err()).as(example + " stderr").isEmpty();
        assertThat(result.exitCode()).as(result.out()).isIn(0, 1);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("overall").get("errors").get("total").asLong()).as(example + " errors").isZero();
        assertThat(report.get("requestTypes")).isNotEmpty();
        for (JsonNode type : report.get("requestTypes")) {
            assertThat(type.get("requests").asLong()).as(example + " requests of " + type.get("name")).isPositive();
        }
    }
}
