package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.engine.Guardrails;
import io.llmload.runner.spec.ManifestReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An operator runner enforces the test's guardrails itself: they survive the plan's JSON and reach its engine. */
class WorkerGuardrailsTest {

    @Test
    void guardrailsOfThePlanReachTheRunnersEngine() throws Exception {
        var spec = ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: g}\n"
                + "spec:\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stages: [{duration: 10s, users: 4}]}\n"
                + "  guardrails: {abortOnErrorRate: 5%, window: 10s, abortOnTtftP99: 3s, maxDuration: 2m}\n").spec();
        WorkerPlan sent = new WorkerPlan("g", "loadtests", 2, "http://127.0.0.1:1", TestPlans.MODEL, spec, 7, 8080);
        WorkerPlan received = WorkerPlan.fromJson(sent.toJson());

        assertThat(EngineSetup.config(received, 1, null).guardrails()).isEqualTo(
                new Guardrails(0.05, Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofMinutes(2)));
        assertThat(EngineSetup.config(TestPlans.plan("t", "http://127.0.0.1:1", 1, "{model: closed, stages: "
                + "[{duration: 1s, users: 1}]}", 8080), 0, null).guardrails()).isNull();
    }
}
