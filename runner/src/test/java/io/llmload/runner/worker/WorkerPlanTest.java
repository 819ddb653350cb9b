package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan the operator writes and every runner reads: a lossless round trip, and bad plans named precisely. */
class WorkerPlanTest {

    private static final String LOAD = "{model: closed, warmup: 1s, gracefulStop: 5s,"
            + " stages: [{name: base, duration: 10s, users: 6}, {name: peak, duration: 20s, users: 12, ramp: true}]}";

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryFieldIncludingASpecReadFromYaml() throws Exception {
        WorkerPlan plan = TestPlans.plan("chat-capacity", "http://vllm.models.svc:8000", 3, LOAD, 8080);

        String json = plan.toJson();
        WorkerPlan back = WorkerPlan.fromJson(json);

        assertThat(back).isEqualTo(plan);
        assertThat(back.startDeadlineEpochMillis()).isNull();
        WorkerPlan withDeadline = plan.withStartDeadline(1_700_000_000_000L);
        assertThat(WorkerPlan.fromJson(withDeadline.toJson())).isEqualTo(withDeadline);
        assertThat(back.spec().load().stages()).hasSize(2);
        assertThat(back.spec().load().stages().get(1).ramp()).isTrue();
        assertThat(back.spec().workload().mix().get(0).output().maxTokens().value()).isEqualTo(16);
        assertThat(back.spec().target().service().name()).isEqualTo("vllm");
        assertThat(back.spec().slo().ttft().p95()).isEqualTo("500ms");
        JsonNode tree = ControlClient.JSON.readTree(json);
        assertThat(tree.get("testName").asText()).isEqualTo("chat-capacity");
        assertThat(tree.get("runners").asInt()).isEqualTo(3);
        assertThat(tree.get("seed").asLong()).isEqualTo(7);
        assertThat(tree.get("controlPort").asInt()).isEqualTo(8080);
        // Nulls are left out: the plan holds what was set, nothing else.
        assertThat(tree.get("spec").get("target").has("url")).isFalse();

        Path file = dir.resolve("plan.json");
        Files.writeString(file, json);
        assertThat(WorkerPlan.read(file)).isEqualTo(plan);
    }

    @Test
    void seedAndControlPortHaveDefaults() {
        String spec = WorkerJson.write(TestPlans.spec(LOAD));
        WorkerPlan plan = WorkerPlan.fromJson("{\"testName\": \"t\", \"runners\": 2, \"targetUrl\": \"http://x:1\","
                + " \"model\": \"m\", \"spec\": " + spec + "}");
        assertThat(plan.controlPort()).isEqualTo(WorkerPlan.DEFAULT_CONTROL_PORT).isEqualTo(8080);
        assertThat(plan.seed()).isEqualTo(WorkerPlan.DEFAULT_SEED);
        assertThat(plan.namespace()).isNull();
    }

    @Test
    void notJsonFailsWithTheLocation() {
        assertThatThrownBy(() -> WorkerPlan.fromJson("{\"testName\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid worker plan: not valid JSON at line 1");
        assertThatThrownBy(() -> WorkerPlan.fromJson("[1, 2]"))
                .hasMessage("invalid worker plan: expected a JSON object");
    }

    @Test
    void missingAndUnknownFieldsAreNamed() {
        assertThatThrownBy(() -> WorkerPlan.fromJson("{\"testName\": \"t\", \"colour\": \"red\", \"runners\": \"3\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour: unknown field (known: controlPort, datasetFiles, model, mountedFiles, "
                        + "namespace, runners, seed, spec, startDeadlineEpochMillis, targetUrl, testName)")
                .hasMessageContaining("runners: expected a whole number")
                .hasMessageContaining("spec: required");
    }

    @Test
    void specProblemsCarryTheManifestFieldPaths() {
        String good = TestPlans.plan("t", "http://x:1", 1, LOAD, 0).toJson();

        assertThatThrownBy(() -> WorkerPlan.fromJson(good.replace("\"model\":\"closed\"", "\"modle\":\"closed\"")))
                .hasMessageStartingWith("invalid worker plan: spec.load.modle: unknown field 'modle'");
        assertThatThrownBy(() -> WorkerPlan.fromJson(good.replace("\"duration\":\"10s\"", "\"duration\":\"soon\"")))
                .hasMessage("invalid worker plan: spec.load.stages[0].duration: 'soon' must be a positive duration"
                        + " like 500ms, 30s, 5m or 1h");
        assertThatThrownBy(() -> WorkerPlan.fromJson(good.replace("http://x:1", "ftp://x")
                .replace("\"runners\":1", "\"runners\":0")))
                .hasMessage("invalid worker plan: runners: must be at least 1; targetUrl: must be an http(s) URL like"
                        + " http://vllm.models.svc:8000");
    }
}
