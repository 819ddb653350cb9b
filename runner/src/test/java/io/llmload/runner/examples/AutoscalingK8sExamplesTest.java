package io.llmload.runner.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.llmload.runner.cli.Main;
import io.llmload.runner.cli.RepoFiles;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The cluster examples of spec.autoscaling hang together (ExamplesValidateTest checks the tests themselves as the
 * operator would): the autoscaler they name is in the file and scales the workload they watch, within the replica
 * bounds they expect, on a vLLM metric; the workload is the simulator Deployment behind the Service they target,
 * started with arguments the CLI accepts.
 */
class AutoscalingK8sExamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> examples() throws Exception {
        return Files.list(RepoFiles.root().resolve("examples"))
                .filter(p -> p.getFileName().toString().startsWith("autoscaling") && p.toString().endsWith("-k8s.yaml"))
                .sorted();
    }

    /** Every document of the autoscaling cluster examples (the KEDA file reuses the HPA one's Deployment). */
    private static List<JsonNode> allAutoscalingDocuments() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : examples().toList()) {
            docs.addAll(documents(f));
        }
        return docs;
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream().filter(JsonNode::isObject).toList();
        }
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())
                && name.equals(d.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theAutoscalerScalesTheWatchedWorkloadOnAVllmMetricWithinTheExpectedBounds(Path file) throws Exception {
        AutoscalingSpec a = ManifestReader.read(file).spec().autoscaling();
        assertThat(a).as(file + " has spec.autoscaling").isNotNull();
        JsonNode autoscaler = find(documents(file), a.autoscaler().kind(), a.autoscaler().name());
        JsonNode ref = autoscaler.path("spec").path("scaleTargetRef");
        assertThat(ref.path("apiVersion").asText()).isEqualTo(a.target().apiVersion());
        assertThat(ref.path("kind").asText()).isEqualTo(a.target().kind());
        assertThat(ref.path("name").asText()).isEqualTo(a.target().name());

        JsonNode spec = autoscaler.path("spec");
        boolean hpa = a.autoscaler().kind().equals(AutoscalingSpec.HPA);
        int min = spec.path(hpa ? "minReplicas" : "minReplicaCount").asInt();
        int max = spec.path(hpa ? "maxReplicas" : "maxReplicaCount").asInt();
        assertThat(min).isGreaterThanOrEqualTo(a.expect().minReplicas());
        assertThat(max).isPositive().isLessThanOrEqualTo(a.expect().maxReplicas());
        if (hpa) {
            assertThat(autoscaler.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(spec.path("metrics").get(0).path("pods").path("metric").path("name").asText())
                    .startsWith("vllm_");
        } else {
            assertThat(autoscaler.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
            JsonNode trigger = spec.path("triggers").get(0);
            assertThat(trigger.path("type").asText()).isEqualTo("prometheus");
            assertThat(trigger.path("metadata").path("query").asText()).contains("vllm:");
            assertThat(Double.parseDouble(trigger.path("metadata").path("threshold").asText())).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theWorkloadIsTheSimulatorBehindTheTargetedService(Path file) throws Exception {
        LlmLoadTest test = ManifestReader.read(file);
        List<JsonNode> docs = allAutoscalingDocuments();
        JsonNode deployment = find(docs, "Deployment", test.spec().autoscaling().target().name());
        JsonNode service = find(docs, "Service", test.spec().target().service().name());
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(
                label -> assertThat(podLabels.path(label.getKey())).as(label.getKey()).isEqualTo(label.getValue()));
        assertThat(service.path("spec").path("selector").size()).isPositive();

        List<String> args = new ArrayList<>();
        deployment.path("spec").path("template").path("spec").path("containers").get(0).path("args")
                .forEach(n -> args.add(n.asText()));
        assertThat(args).contains("simulate", "--startup-delay");
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("simulate");
    }
}
