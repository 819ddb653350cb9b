package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capacity search's and a replica plan's fields are checked like every other: all problems at once, field path and
 * fix, exit 2.
 */
class CliCapacityInputTest {

    @TempDir
    Path dir;

    private CliResult validate(String load) throws Exception {
        return validate(load, "");
    }

    private CliResult validate(String load, String more) throws Exception {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: s}\nspec:\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: " + load + "\n"
                + "  slo: {itl: {p95: 50ms}}\n" + more);
        return CliResult.run("validate", file.toString());
    }

    @Test
    void aPlanNeedsOneTargetAndSaneNumbers() throws Exception {
        CliResult result = validate("{model: open, shape: {type: search, from: 2, duration: 30s}}",
                "  plan: {targetRate: 0, targetUsers: 100, headroom: 100%, gpusPerReplica: 0}\n");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).containsExactly(
                "error: spec.plan: give exactly one of targetRate (requests per second) or targetUsers (concurrent "
                        + "users)",
                "error: spec.plan.targetRate: must be above 0 requests per second",
                "error: spec.plan.targetUsers: users per replica are measured by the closed model: use targetRate "
                        + "with model: open",
                "error: spec.plan.headroom: must be below 100%: a replica needs some capacity to use",
                "error: spec.plan.gpusPerReplica: must be at least 1");
    }

    @Test
    void everyBadSearchFieldIsNamedWithItsFix() throws Exception {
        CliResult result = validate("{model: closed, shape: {type: search, from: 0, to: 2.5, growth: 1, "
                + "precision: 0%, maxProbes: 0, repeats: 9, maxDuration: soon, step: 4}}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).doesNotContain("Exception");
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).containsExactly(
                "error: spec.load.shape.from: the first probe needs load: give a level > 0",
                "error: spec.load.shape.duration: required: must be a positive duration like 500ms, 30s, 5m or 1h",
                "error: spec.load.shape.to: the highest level to probe: a whole number not below from, or remove it",
                "error: spec.load.shape.growth: must be above 1 and at most 10, e.g. 2",
                "error: spec.load.shape.precision: '0%' must be a percentage from 0.5% to below 100%, e.g. 5%",
                "error: spec.load.shape.maxProbes: must be from 1 to 100",
                "error: spec.load.shape.repeats: must be from 0 to 5",
                "error: spec.load.shape.maxDuration: 'soon' must be a positive duration like 500ms, 30s, 5m or 1h",
                "error: spec.load.shape.step: not a field of type search: remove it (see docs/capacity.md)");
    }

    @Test
    void searchFieldsOnAnotherShapeAreRefused() throws Exception {
        CliResult result = validate("{model: closed, shape: {type: soak, level: 4, duration: 1m, precision: 5%}}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).containsExactly(
                "error: spec.load.shape.precision: only type: search takes it: remove it, or set type: search");
    }

    @Test
    void aTimeBudgetShorterThanOneProbeIsRefused() throws Exception {
        CliResult result = validate("{model: open, shape: {type: search, from: 2.5, duration: 1m, maxDuration: 30s}}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: spec.load.shape.maxDuration: is shorter than one probe (duration 1m, "
                + "plus load.warmup): raise it or remove it");
    }

    @Test
    void aValidSearchShowsItsBudget() throws Exception {
        CliResult result = validate("{model: open, warmup: 10s, shape: {type: search, from: 2.5, duration: 50s, "
                + "growth: 1.5, precision: 10%, maxDuration: 5m, repeats: 1}}");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        // 5 minutes of 60-second probes: a budget of 5 probes, one of them repeating the edge.
        assertThat(result.out()).contains("capacity search: probes like the one below from 2.50 req/s, x1.50 while "
                + "the SLO holds, then bisection to 10%; at most 5 probes (300 s of load, 1 of them repeating the "
                + "edge)");
    }
}
