package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Manifests are written as the YAML a user would write, parsed with ManifestReader, then validated. */
class ManifestValidatorTest {

    private static final String SIM_TARGET = "{simulator: {profile: tiny}}";
    private static final String CHAT_MIX = "[{name: chat, api: chat, prompt: {text: Hello}}]";
    private static final String CLOSED_LOAD = "{model: closed, stages: [{duration: 10s, users: 2}]}";

    private static String manifest(String target, String mix, String load, String slo) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                """);
        if (target != null) {
            yaml.append("  target: ").append(target).append('\n');
        }
        yaml.append("  workload: {mix: ").append(mix).append("}\n");
        yaml.append("  load: ").append(load).append('\n');
        if (slo != null) {
            yaml.append("  slo: ").append(slo).append('\n');
        }
        return yaml.toString();
    }

    private static List<Violation> validate(String yaml, Mode mode) throws InvalidManifestException {
        return ManifestValidator.validate(ManifestReader.parse(yaml), mode);
    }

    private static List<Violation> local(String target, String mix, String load, String slo)
            throws InvalidManifestException {
        return validate(manifest(target, mix, load, slo), Mode.LOCAL);
    }

    private static List<Violation> withMix(String mix) throws InvalidManifestException {
        return local(SIM_TARGET, mix, CLOSED_LOAD, null);
    }

    private static List<Violation> withLoad(String load) throws InvalidManifestException {
        return local(SIM_TARGET, CHAT_MIX, load, null);
    }

    private static List<Violation> withTarget(String target, Mode mode) throws InvalidManifestException {
        return validate(manifest(target, CHAT_MIX, CLOSED_LOAD, null), mode);
    }

    // --- valid manifests ---

    @Test
    void aMinimalClosedManifestIsValidLocally() throws Exception {
        assertThat(local(SIM_TARGET, CHAT_MIX, CLOSED_LOAD, null)).isEmpty();
    }

    @Test
    void aManifestWithoutATargetIsValidLocallyBecauseTheSimulatorRuns() throws Exception {
        assertThat(local(null, CHAT_MIX, CLOSED_LOAD, null)).isEmpty();
    }

    @Test
    void aMinimalOpenManifestIsValidLocally() throws Exception {
        assertThat(withLoad("{model: open, arrival: constant, stages: [{duration: 1m, rate: 5}]}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{shape: {type: step, from: 8, step: 8, to: 32, every: 10s}}",
            "{shape: {type: ramp, from: 0, to: 32, duration: 1m}}",
            "{shape: {type: spike, from: 4, peak: 64, duration: 30s, peakDuration: 10s}}",
            "{shape: {type: soak, level: 16, duration: 1h}}",
            "{model: open, shape: {type: ramp, from: 0.5, to: 20.5, duration: 1m}}",
    })
    void everyShapeWithItsFieldsIsValid(String load) throws Exception {
        assertThat(withLoad(load)).isEmpty();
    }

    @Test
    void aFullyLoadedManifestIsValid() throws Exception {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: full.test-1}
                spec:
                  target:
                    url: https://vllm.models.svc:8000
                    model: llama
                    apiKeyEnv: TOKEN
                    apiKeySecretRef: {name: s, key: k}
                    timeout: 60s
                    maxConnections: 64
                  workload:
                    mix:
                      - {name: a, weight: 2, api: chat, prompt: {text: hi, systemPrompt: be brief},
                         output: {maxTokens: {distribution: uniform, min: 8, max: 16}, temperature: 0.7}}
                      - {name: b, api: completions, stream: false, prompt: {inputTokens: {distribution: lognormal, mean: 100, stddev: 20, min: 1, max: 400}}}
                      - {name: c, api: embeddings, batchSize: 4, prompt: {inputTokens: {value: 32}}}
                  load:
                    model: closed
                    warmup: 10s
                    thinkTime: 500ms
                    gracefulStop: 5s
                    stages: [{name: up, duration: 1m, users: 8, ramp: true}, {name: hold, duration: 1m, users: 8}]
                  slo:
                    ttft: {p50: 100ms, p90: 200ms, p95: 300ms, p99: 1s}
                    itl: {p95: 50ms}
                    tpot: {p95: 40ms}
                    e2e: {p99: 5s}
                    errorRate: 0.5%
                    tiers: {normalErrorRate: 0.1%, degradedFactor: 2, breachErrorRate: 5%, breachE2eP99: 10s}
                  guardrails: {abortOnErrorRate: 20%, window: 30s, abortOnTtftP99: 10s, maxDuration: 1h}
                """;
        assertThat(validate(yaml, Mode.LOCAL)).isEmpty();
        assertThat(validate(yaml, Mode.CLUSTER)).isEmpty();
    }

    @Test
    void aClusterManifestWithAServiceAndModelIsValid() throws Exception {
        assertThat(withTarget("{service: {name: vllm, port: 8000}, model: llama}", Mode.CLUSTER)).isEmpty();
    }

    // --- load ---

    @Test
    void anUnparseableStageDurationNamesTheStageAndGivesExamples() throws Exception {
        assertThat(withLoad("{stages: [{duration: 10s, users: 2}, {duration: abc, users: 4}]}")).containsExactly(
                new Violation("spec.load.stages[1].duration",
                        "'abc' must be a positive duration like 500ms, 30s, 5m or 1h"));
    }

    @Test
    void aMissingStageDurationIsRequired() throws Exception {
        assertThat(withLoad("{stages: [{users: 2}]}")).containsExactly(new Violation("spec.load.stages[0].duration",
                "required: must be a positive duration like 500ms, 30s, 5m or 1h"));
    }

    @Test
    void theOpenModelTakesRateNotUsers() throws Exception {
        assertThat(withLoad("{model: open, stages: [{duration: 10s, rate: 5, users: 4}]}")).containsExactly(
                new Violation("spec.load.stages[0].users", "the open model takes rate (arrivals per second), not users"));
    }

    @Test
    void theOpenModelWithOnlyUsersAlsoNeedsARate() throws Exception {
        assertThat(withLoad("{model: open, stages: [{duration: 10s, users: 4}]}")).containsExactly(
                new Violation("spec.load.stages[0].users", "the open model takes rate (arrivals per second), not users"),
                new Violation("spec.load.stages[0].rate", "required for the open model: arrivals per second >= 0"));
    }

    @Test
    void theClosedModelTakesUsersNotRate() throws Exception {
        assertThat(withLoad("{model: closed, stages: [{duration: 10s, users: 2, rate: 5}]}")).containsExactly(
                new Violation("spec.load.stages[0].rate", "the closed model takes users (concurrent users), not rate"));
    }

    @Test
    void stagesAndShapeTogetherAreRejected() throws Exception {
        assertThat(withLoad("{stages: [{duration: 10s, users: 2}], shape: {type: soak, level: 4, duration: 1m}}"))
                .containsExactly(new Violation("spec.load.stages", "set exactly one of load.stages or load.shape"));
    }

    @Test
    void neitherStagesNorShapeIsRejected() throws Exception {
        assertThat(withLoad("{model: closed}"))
                .containsExactly(new Violation("spec.load.stages", "set exactly one of load.stages or load.shape"));
        assertThat(withLoad("{model: closed, stages: []}"))
                .containsExactly(new Violation("spec.load.stages", "set exactly one of load.stages or load.shape"));
    }

    @Test
    void aPlanWithOnlyZeroLoadIsRejected() throws Exception {
        assertThat(withLoad("{stages: [{duration: 10s, users: 0}]}")).containsExactly(new Violation("spec.load.stages",
                "every stage has zero load: give at least one stage users > 0"));
        assertThat(withLoad("{model: open, stages: [{duration: 10s, rate: 0}]}")).containsExactly(
                new Violation("spec.load.stages", "every stage has zero load: give at least one stage rate > 0"));
    }

    @Test
    void anUnknownLoadModelIsRejected() throws Exception {
        assertThat(withLoad("{model: half-open, stages: [{duration: 10s, users: 2}]}")).containsExactly(
                new Violation("spec.load.model", "must be closed (concurrent users) or open (arrivals per second)"));
    }

    @Test
    void theClosedModelHasNoArrivalProcessAndTheOpenModelNoThinkTime() throws Exception {
        assertThat(withLoad("{model: closed, arrival: poisson, stages: [{duration: 10s, users: 2}]}")).containsExactly(
                new Violation("spec.load.arrival",
                        "only the open model has an arrival process: remove it or set model: open"));
        assertThat(withLoad("{model: open, thinkTime: 1s, stages: [{duration: 10s, rate: 2}]}")).containsExactly(
                new Violation("spec.load.thinkTime",
                        "only the closed model has think time: remove it or set model: closed"));
        assertThat(withLoad("{model: open, arrival: bursty, stages: [{duration: 10s, rate: 2}]}")).containsExactly(
                new Violation("spec.load.arrival", "must be one of poisson, constant"));
    }

    @Test
    void warmupIsAReservedStageNameAndStageNamesAreUnique() throws Exception {
        assertThat(withLoad("{stages: [{name: warmup, duration: 10s, users: 2}, {name: a, duration: 10s, users: 2},"
                + " {name: a, duration: 10s, users: 2}]}")).containsExactly(
                        new Violation("spec.load.stages[0].name",
                                "'warmup' is reserved: use load.warmup for a warmup period"),
                        new Violation("spec.load.stages[2].name",
                                "duplicate stage name 'a' (unnamed stages are called stage-N)"));
    }

    @Test
    void anExplicitStageNameMayNotCollideWithADefaultStageName() throws Exception {
        assertThat(withLoad("{stages: [{duration: 10s, users: 2}, {name: stage-1, duration: 10s, users: 4}]}"))
                .extracting(Violation::path).containsExactly("spec.load.stages[1].name");
    }

    @Test
    void aDurationTooLongToPlanIsRejected() throws Exception {
        assertThat(withLoad("{stages: [{duration: 3000000h, users: 2}]}")).extracting(Violation::path)
                .containsExactly("spec.load.stages[0].duration");
    }

    @Test
    void aStepShapeNeedsItsFieldsAndEndsAboveItsStart() throws Exception {
        assertThat(withLoad("{shape: {type: step, from: 32, to: 8}}")).containsExactly(
                new Violation("spec.load.shape.step", "required: the increment per step, > 0"),
                new Violation("spec.load.shape.every",
                        "required: must be a positive duration like 500ms, 30s, 5m or 1h"),
                new Violation("spec.load.shape.to", "must not be below from"));
    }

    @Test
    void closedShapeLevelsMustBeWholeUsers() throws Exception {
        assertThat(withLoad("{shape: {type: soak, level: 2.5, duration: 1m}}")).containsExactly(
                new Violation("spec.load.shape.level", "required: a whole number of users >= 0"));
    }

    @Test
    void anUnknownShapeTypeListsTheKnownOnes() throws Exception {
        assertThat(withLoad("{shape: {type: wave, duration: 1m}}")).containsExactly(
                new Violation("spec.load.shape.type", "must be one of step, ramp, spike, soak, search"));
    }

    // --- workload ---

    @Test
    void anEmptyMixIsRejectedWithAnExample() throws Exception {
        List<Violation> found = withMix("[]");
        assertThat(found).extracting(Violation::path).containsExactly("spec.workload.mix");
        assertThat(found.get(0).message()).startsWith("required: list at least one request type, e.g.");
    }

    @Test
    void duplicateMixNamesAreRejected() throws Exception {
        assertThat(withMix("[{name: chat, api: chat, prompt: {text: a}}, {name: chat, api: chat, prompt: {text: b}}]"))
                .containsExactly(new Violation("spec.workload.mix[1].name",
                        "duplicate name 'chat': names must be unique"));
    }

    @Test
    void aMixEntryNeedsANameAndAPositiveWeight() throws Exception {
        assertThat(withMix("[{weight: 0, api: chat, prompt: {text: a}}]")).containsExactly(
                new Violation("spec.workload.mix[0].name", "required: a name for reports, e.g. chat-short"),
                new Violation("spec.workload.mix[0].weight", "must be greater than 0"));
    }

    @Test
    void anUnknownApiListsTheKnownOnes() throws Exception {
        assertThat(withMix("[{name: x, api: grpc, prompt: {text: a}}]")).containsExactly(
                new Violation("spec.workload.mix[0].api", "must be one of chat, completions, embeddings, responses, rerank, score, rag"));
        assertThat(withMix("[{name: x, prompt: {text: a}}]")).containsExactly(
                new Violation("spec.workload.mix[0].api", "must be one of chat, completions, embeddings, responses, rerank, score, rag"));
    }

    @Test
    void embeddingsDoNotStream() throws Exception {
        assertThat(withMix("[{name: e, api: embeddings, stream: true, prompt: {text: a}}]")).containsExactly(
                new Violation("spec.workload.mix[0].stream",
                        "embeddings do not stream: remove stream or set it to false"));
    }

    @Test
    void aPromptHasExactlyOneSource() throws Exception {
        String exactlyOne = "set exactly one of prompt.text, prompt.inputTokens, prompt.prompts or prompt.dataset";
        assertThat(withMix("[{name: x, api: chat, prompt: {text: hi, inputTokens: {value: 10}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].prompt",
                        exactlyOne + " (found text and inputTokens)"));
        assertThat(withMix("[{name: x, api: chat, prompt: {text: hi, dataset: {path: d.jsonl}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].prompt", exactlyOne + " (found text and dataset)"));
        Violation none = new Violation("spec.workload.mix[0].prompt", exactlyOne);
        assertThat(withMix("[{name: x, api: chat, prompt: {systemPrompt: hi}}]")).containsExactly(none);
        assertThat(withMix("[{name: x, api: chat}]")).containsExactly(none);
    }

    @Test
    void aUniformDistributionWithMinAboveMaxShowsAValidExample() throws Exception {
        assertThat(withMix("[{name: x, api: chat, prompt: {inputTokens: {distribution: uniform, min: 256, max: 64}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].prompt.inputTokens",
                        "a uniform distribution needs 1 <= min <= max, e.g. {distribution: uniform, min: 64, max: 256}"));
    }

    @Test
    void distributionsNeedTheirParameters() throws Exception {
        assertThat(withMix("[{name: x, api: chat, prompt: {inputTokens: {distribution: normal, min: 10, max: 5}}}]"))
                .containsExactly(
                        new Violation("spec.workload.mix[0].prompt.inputTokens.mean", "a normal distribution needs mean >= 1"),
                        new Violation("spec.workload.mix[0].prompt.inputTokens.stddev",
                                "a normal distribution needs stddev >= 0"),
                        new Violation("spec.workload.mix[0].prompt.inputTokens.max", "must not be below min"));
        assertThat(withMix("[{name: x, api: chat, prompt: {text: a}, output: {maxTokens: {value: 0}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].output.maxTokens.value",
                        "a fixed distribution needs value >= 1, e.g. {value: 128}"));
        assertThat(withMix("[{name: x, api: chat, prompt: {inputTokens: {distribution: zipf}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].prompt.inputTokens.distribution",
                        "must be one of fixed, uniform, normal, lognormal"));
    }

    @Test
    void onlyChatHasASystemPromptAndOnlyEmbeddingsABatchSize() throws Exception {
        assertThat(withMix("[{name: x, api: completions, batchSize: 2, prompt: {text: a, systemPrompt: s}}]"))
                .containsExactly(
                        new Violation("spec.workload.mix[0].batchSize", "only embeddings requests have a batch size"),
                        new Violation("spec.workload.mix[0].prompt.systemPrompt",
                                "only chat and responses requests have a system prompt"));
        assertThat(withMix("[{name: x, api: embeddings, batchSize: 0, prompt: {text: a, systemPrompt: s}}]"))
                .containsExactly(
                        new Violation("spec.workload.mix[0].batchSize", "must be at least 1"),
                        new Violation("spec.workload.mix[0].prompt.systemPrompt",
                                "only chat and responses requests have a system prompt"));
    }

    @Test
    void temperatureMustBeBetweenZeroAndTwo() throws Exception {
        assertThat(withMix("[{name: x, api: chat, prompt: {text: a}, output: {temperature: 2.5}}]")).containsExactly(
                new Violation("spec.workload.mix[0].output.temperature", "must be between 0 and 2"));
    }

    // --- target ---

    @Test
    void anUnknownSimulatorProfileListsTheKnownOnes() throws Exception {
        assertThat(withTarget("{simulator: {profile: huge}}", Mode.LOCAL)).containsExactly(new Violation(
                "spec.target.simulator.profile", "unknown profile 'huge': use one of tiny, demo-8b-h100"));
    }

    @Test
    void theClusterModeNeedsAUrlOrService() throws Exception {
        Violation required = new Violation("spec.target", "required: set target.url or target.service");
        assertThat(withTarget("{simulator: {profile: tiny}}", Mode.CLUSTER)).containsExactly(required);
        assertThat(validate(manifest(null, CHAT_MIX, CLOSED_LOAD, null), Mode.CLUSTER)).containsExactly(required);
    }

    @Test
    void aServiceOnlyTargetCannotRunLocally() throws Exception {
        assertThat(withTarget("{service: {name: vllm}, model: llama}", Mode.LOCAL)).containsExactly(new Violation(
                "spec.target.service", "a Service resolves only in-cluster: set target.url or pass --target URL"));
    }

    @Test
    void aServiceNeedsANameAndAValidPort() throws Exception {
        assertThat(withTarget("{service: {port: 70000}, model: llama}", Mode.CLUSTER)).containsExactly(
                new Violation("spec.target.service.name", "required: the Service's name"),
                new Violation("spec.target.service.port", "must be a port between 1 and 65535"));
    }

    @Test
    void urlAndServiceAreExclusive() throws Exception {
        assertThat(withTarget("{url: 'http://vllm:8000', service: {name: vllm}, model: llama}", Mode.CLUSTER))
                .containsExactly(new Violation("spec.target.service", "set either target.url or target.service, not both"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://vllm:8000", "vllm:8000", "http://", "not a url", "file:///tmp/x" })
    void aTargetUrlMustBeHttp(String url) throws Exception {
        assertThat(withTarget("{url: '" + url + "', model: llama}", Mode.LOCAL)).containsExactly(
                new Violation("spec.target.url", "must be an http(s) URL like http://vllm.models.svc:8000"));
    }

    @Test
    void aUrlTargetWithoutAModelIsValidTheServerIsAsked() throws Exception {
        assertThat(withTarget("{url: 'http://vllm:8000'}", Mode.LOCAL)).isEmpty();
        assertThat(withTarget("{service: {name: vllm}}", Mode.CLUSTER)).isEmpty();
    }

    @Test
    void anApiKeySecretRefNeedsNameAndKey() throws Exception {
        assertThat(withTarget("{url: 'http://vllm:8000', model: m, apiKeySecretRef: {name: token}}", Mode.CLUSTER))
                .containsExactly(new Violation("spec.target.apiKeySecretRef", "needs both name and key of the Secret"));
    }

    @Test
    void targetTimeoutAndConnectionsAreChecked() throws Exception {
        assertThat(withTarget("{url: 'http://vllm:8000', model: m, timeout: soon, maxConnections: 0}", Mode.LOCAL))
                .containsExactly(
                        new Violation("spec.target.timeout", "'soon' must be a positive duration like 500ms, 30s, 5m or 1h"),
                        new Violation("spec.target.maxConnections", "must be at least 1"));
    }

    // --- slo, guardrails, header ---

    @Test
    void anErrorRateAbove100PercentIsRejected() throws Exception {
        assertThat(local(SIM_TARGET, CHAT_MIX, CLOSED_LOAD, "{errorRate: 150%}")).containsExactly(new Violation(
                "spec.slo.errorRate",
                "'150%' must be a percentage like 1% or 0.1%, or a fraction between 0 and 1"));
    }

    @Test
    void sloLatencyTargetsAndTiersAreChecked() throws Exception {
        assertThat(local(SIM_TARGET, CHAT_MIX, CLOSED_LOAD,
                "{ttft: {p95: fast}, e2e: {p99: 0s}, tiers: {degradedFactor: 0.5, breachErrorRate: 2, breachE2eP99: x}}"))
                .containsExactly(
                        new Violation("spec.slo.ttft.p95", "'fast' " + Durations.HINT),
                        new Violation("spec.slo.e2e.p99", "'0s' " + Durations.HINT),
                        new Violation("spec.slo.tiers.breachErrorRate", "'2' " + Ratios.HINT),
                        new Violation("spec.slo.tiers.breachE2eP99", "'x' " + Durations.HINT),
                        new Violation("spec.slo.tiers.degradedFactor", "must be at least 1"));
    }

    @Test
    void guardrailsAreChecked() throws Exception {
        String yaml = manifest(SIM_TARGET, CHAT_MIX, CLOSED_LOAD, null)
                + "  guardrails: {abortOnErrorRate: lots, window: 0s, abortOnTtftP99: 10s, maxDuration: forever}\n";
        assertThat(validate(yaml, Mode.LOCAL)).containsExactly(
                new Violation("spec.guardrails.abortOnErrorRate", "'lots' " + Ratios.HINT),
                new Violation("spec.guardrails.window", "'0s' " + Durations.HINT),
                new Violation("spec.guardrails.maxDuration", "'forever' " + Durations.HINT));
    }

    @Test
    void theApiVersionAndAKubernetesNameAreRequired() throws Exception {
        String yaml = manifest(SIM_TARGET, CHAT_MIX, CLOSED_LOAD, null)
                .replace("llmload.io/v1alpha1", "llmload.io/v2").replace("name: t", "name: My_Test");
        assertThat(validate(yaml, Mode.LOCAL)).containsExactly(
                new Violation("apiVersion", "must be llmload.io/v1alpha1"),
                new Violation("metadata.name", "must be a DNS-1123 name: lower-case letters, digits, '-' and '.'"));
    }

    @Test
    void aManifestWithoutSpecSaysWhichSectionsToAdd() throws Exception {
        assertThat(validate("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n", Mode.LOCAL)).containsExactly(
                new Violation("spec", "required: add target, workload, load and slo sections"));
    }

    @Test
    void missingWorkloadAndLoadSectionsAreBothReported() throws Exception {
        List<Violation> found = validate("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nspec: {slo: {}}\n",
                Mode.LOCAL);
        assertThat(found).extracting(Violation::path).containsExactly("spec.workload.mix", "spec.load");
        assertThat(found.get(1).message()).startsWith("required: e.g.");
    }

    @Test
    void everyViolationIsReportedAtOnce() throws Exception {
        List<Violation> found = local(SIM_TARGET, "[{name: x, api: grpc, prompt: {text: a}}]",
                "{stages: [{duration: abc, users: 2}]}", "{errorRate: 150%}");
        assertThat(found).extracting(Violation::path).containsExactly(
                "spec.workload.mix[0].api", "spec.load.stages[0].duration", "spec.slo.errorRate");
    }

    @Test
    void requireValidThrowsWithEveryViolation() throws Exception {
        LlmLoadTest test = ManifestReader.parse(manifest(SIM_TARGET, "[{name: x, api: grpc, prompt: {text: a}}]",
                "{stages: [{duration: abc, users: 2}]}", "{errorRate: 150%}"));
        InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
                () -> ManifestValidator.requireValid(test, Mode.LOCAL));
        assertThat(e.violations()).hasSize(3);
        assertThat(e.getMessage()).contains("spec.workload.mix[0].api: must be one of chat, completions, embeddings, responses, rerank, score, rag")
                .contains("spec.load.stages[0].duration: 'abc' must be a positive duration like");
    }

    @Test
    void requireValidAcceptsAValidManifest() throws Exception {
        LlmLoadTest test = ManifestReader.parse(manifest(SIM_TARGET, CHAT_MIX, CLOSED_LOAD, null));
        ManifestValidator.requireValid(test, Mode.LOCAL);
        assertThat(ManifestValidator.validate(test, Mode.LOCAL)).isEmpty();
    }
}
