package io.llmload.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.rbac.RepoFiles;
import io.llmload.operator.trigger.CronSchedule;
import io.llmload.operator.trigger.WorkloadType;
import io.llmload.operator.trigger.WorkloadTypes;
import io.llmload.operator.validation.AccessPolicy;
import io.llmload.operator.validation.SpecValidator;
import io.llmload.runner.cli.Main;
import io.llmload.runner.regression.RegressionChecks;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.RegressionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.stream.Stream;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * examples/gitops: every Kubernetes manifest parses; every LlmLoadTest in them (also the one a ConfigMap carries)
 * passes the runner's and the operator's checks; what the GitOps sections name exists (the workload a trigger
 * follows, in the same file; the hook annotations Argo CD reads; the AnalysisTemplate a Rollout calls, whose Job runs
 * a real llmload command line). The CI workflow is GitOpsCiWorkflowTest's (runner).
 */
class GitOpsExamplesTest {

    /** The operator's defaults (no extra namespaces, hosts or images): these tests run without Quarkus config. */
    private static final AccessPolicy DEFAULT_POLICY = new AccessPolicy(Set.of(), List.of(), "llmload-runner:test",
            List.of(), Set.of());

    static final Path DIR = RepoFiles.root().resolve("examples/gitops");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("github-actions.yaml")).sorted().toList();
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(4);
            return yaml.stream();
        }
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyDocumentIsAKubernetesObjectAndEveryTestIsValid(Path file) throws Exception {
        List<JsonNode> docs = documents(file);
        assertThat(docs).as(file.toString()).isNotEmpty();
        for (JsonNode doc : docs) {
            assertThat(doc.path("apiVersion").asText()).as(file + ": apiVersion").isNotEmpty();
            assertThat(doc.path("kind").asText()).as(file + ": kind").isNotEmpty();
            assertThat(doc.path("metadata").path("name").asText()).as(file + ": metadata.name").isNotEmpty();
            if ("LlmLoadTest".equals(doc.path("kind").asText())) {
                assertClusterTestValid(file, doc);
            }
        }
    }

    @Test
    void theOnRolloutTestFollowsTheDeploymentNextToItOnASchedule() throws Exception {
        List<JsonNode> docs = documents(DIR.resolve("on-rollout.yaml"));
        JsonNode test = only(docs, "LlmLoadTest");
        JsonNode onRollout = test.path("spec").path("trigger").path("onRollout");
        WorkloadType type = WorkloadTypes.find(onRollout.path("apiVersion").asText(), onRollout.path("kind")
                .asText()).orElseThrow();
        JsonNode workload = only(docs, type.kind());
        assertThat(workload.path("metadata").path("name").asText()).isEqualTo(onRollout.path("name").asText());
        // The workload read as the operator reads it: a revision with the model and image a change would name.
        var state = type.read(workload);
        assertThat(state.revision().model()).isEqualTo(test.path("spec").path("target").path("model").asText());
        assertThat(state.revision().images()).containsExactly("vllm=vllm/vllm-openai:v0.6.3");
        JsonNode service = only(docs, "Service");
        assertThat(service.path("metadata").path("name").asText())
                .isEqualTo(test.path("spec").path("target").path("service").path("name").asText());
        JsonNode trigger = test.path("spec").path("trigger");
        CronSchedule.parse(trigger.path("schedule").asText(), trigger.path("timeZone").asText());
        assertThat(test.path("spec").path("history").path("limit").asInt())
                .isGreaterThanOrEqualTo(test.path("spec").path("regression").path("runs").asInt());
    }

    @Test
    void thePostSyncHookIsAnArgoCdHookWhoseHealthTheShippedCheckTells() throws Exception {
        JsonNode test = only(documents(DIR.resolve("postsync-hook.yaml")), "LlmLoadTest");
        JsonNode annotations = test.path("metadata").path("annotations");
        assertThat(annotations.path("argocd.argoproj.io/hook").asText()).isEqualTo("PostSync");
        assertThat(annotations.path("argocd.argoproj.io/hook-delete-policy").asText())
                .isEqualTo("BeforeHookCreation");
        assertThat(ArgoCdHealthCheckTest.DIR.resolve("health.lua")).exists();
    }

    @Test
    void theCanaryAnalysisRunsARealLlmloadCommandOnTheTestItMounts() throws Exception {
        List<JsonNode> docs = documents(DIR.resolve("rollouts-analysis.yaml"));
        JsonNode template = only(docs, "AnalysisTemplate");
        JsonNode pod = template.path("spec").path("metrics").get(0).path("provider").path("job").path("spec")
                .path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText().replace("{{args.canary-url}}", "http://canary:8000")));
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");

        // /tests/canary.yaml is the ConfigMap's key canary.yaml, mounted at /tests.
        String file = args.get(1);
        JsonNode mount = find(container.path("volumeMounts"), m -> file.startsWith(m.path("mountPath").asText() + "/"));
        JsonNode volume = find(pod.path("volumes"), v -> v.path("name").asText().equals(mount.path("name").asText()));
        JsonNode configMap = only(docs, "ConfigMap");
        assertThat(configMap.path("metadata").path("name").asText())
                .isEqualTo(volume.path("configMap").path("name").asText());
        String manifest = configMap.path("data").path(Path.of(file).getFileName().toString()).asText();
        assertThat(ManifestValidator.validate(ManifestReader.parse(manifest), ManifestValidator.Mode.LOCAL))
                .isEmpty();
        // Where the CLI writes with a read-only root filesystem: a mounted emptyDir.
        String out = args.get(args.indexOf("--out") + 1);
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).anyMatch(out::startsWith);

        JsonNode rollout = only(docs, "Rollout");
        JsonNode analysis = find(rollout.path("spec").path("strategy").path("canary").path("steps"),
                s -> s.has("analysis")).path("analysis");
        assertThat(analysis.path("templates").get(0).path("templateName").asText())
                .isEqualTo(template.path("metadata").path("name").asText());
        assertThat(analysis.path("args").get(0).path("name").asText())
                .isEqualTo(template.path("spec").path("args").get(0).path("name").asText());
        String canaryService = rollout.path("spec").path("strategy").path("canary").path("canaryService").asText();
        assertThat(docs).anyMatch(d -> "Service".equals(d.path("kind").asText())
                && canaryService.equals(d.path("metadata").path("name").asText()));
    }

    /** The runner's checks in cluster mode, the operator's (SpecValidator), and the GitOps sections'. */
    private static void assertClusterTestValid(Path file, JsonNode doc) throws Exception {
        var manifest = ManifestReader.fromTree(doc);
        assertThat(ManifestValidator.validate(manifest, ManifestValidator.Mode.CLUSTER)).as(file.toString()).isEmpty();
        LlmLoadTest cr = Serialization.unmarshal(doc.toString(), LlmLoadTest.class);
        assertThat(SpecValidator.validate(cr, DEFAULT_POLICY)).as(file + " (operator)").isEmpty();
        JsonNode regression = doc.path("spec").path("regression");
        if (!regression.isMissingNode()) {
            assertThat(RegressionChecks.check("spec.regression", YAML.treeToValue(regression, RegressionSpec.class)))
                    .as(file + ": spec.regression").isEmpty();
        }
        JsonNode trigger = doc.path("spec").path("trigger");
        if (trigger.has("schedule")) {
            CronSchedule.parse(trigger.path("schedule").asText(), trigger.path("timeZone").asText(null));
        }
        if (trigger.has("onRollout")) {
            assertThat(WorkloadTypes.find(trigger.path("onRollout").path("apiVersion").asText(),
                    trigger.path("onRollout").path("kind").asText())).as(file + ": onRollout kind").isPresent();
        }
    }

    private static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> matching = docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(matching).as("documents of kind " + kind).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode e : array) {
            if (test.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no match in " + array);
    }

}
