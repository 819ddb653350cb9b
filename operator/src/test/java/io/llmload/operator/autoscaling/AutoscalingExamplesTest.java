package io.llmload.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.rbac.ApiAccess;
import io.llmload.operator.rbac.RepoFiles;
import io.llmload.operator.rbac.RoleRules;
import io.llmload.operator.validation.AccessPolicy;
import io.llmload.operator.validation.SpecValidator;
import io.llmload.runner.spec.AutoscalingSpec;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster examples of spec.autoscaling, as the operator sees them: the test passes its validation (an operator
 * installed with config/'s defaults), names a workload and an autoscaler the examples define, in the test's
 * namespace, and the installed ClusterRole lets the operator get, list and watch both.
 */
class AutoscalingExamplesTest {

    private static final String MAIN_EXAMPLE = "examples/autoscaling-k8s.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The group and resource the operator reads for each kind spec.autoscaling may name. */
    private static final Map<String, String[]> RESOURCES = Map.of(
            "Deployment", new String[] {"apps", "deployments"},
            "HorizontalPodAutoscaler", new String[] {"autoscaling", "horizontalpodautoscalers"},
            "ScaledObject", new String[] {"keda.sh", "scaledobjects"});

    @ParameterizedTest
    @ValueSource(strings = {"examples/autoscaling-k8s.yaml", "examples/autoscaling-keda-k8s.yaml"})
    void theOperatorAcceptsTheExampleAndMayReadWhatItNames(String file) throws Exception {
        Path root = RepoFiles.root();
        LlmLoadTest test = null;
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(root.resolve(file).toFile())
                .readAll()) {
            if ("LlmLoadTest".equals(doc.path("kind").asText())) {
                test = Serialization.unmarshal(doc.toString(), LlmLoadTest.class);
            } else {
                others.add(doc);
            }
        }
        // The KEDA example is applied after the HPA one, whose Deployment it scales.
        others.addAll(YAML.readerFor(JsonNode.class).<JsonNode>readValues(root.resolve(MAIN_EXAMPLE).toFile())
                .readAll());
        assertThat(test).as("the LlmLoadTest of " + file).isNotNull();
        // Applied with kubectl apply -n <ns>: the test's namespace is the one the workload lands in.
        test.getMetadata().setNamespace("llmload-demo");
        String image = OperatorConfig.Runner.class.getMethod("image").getAnnotation(WithDefault.class).value();
        AccessPolicy installed = new AccessPolicy(Set.of(), List.of(), image, List.of(), Set.of());
        assertThat(SpecValidator.validate(test, installed)).as("the operator's validation").isEmpty();

        AutoscalingSpec autoscaling = test.getSpec().getAutoscaling();
        assertThat(autoscaling.target().namespace()).as("the test's own namespace").isNull();
        assertThat(defined(others, autoscaling.target().kind(), autoscaling.target().name())).isTrue();
        assertThat(defined(others, autoscaling.autoscaler().kind(), autoscaling.autoscaler().name())).isTrue();

        RoleRules role = RoleRules.load(root.resolve("config/rbac/cluster_role.yaml"));
        for (String kind : List.of(autoscaling.target().kind(), autoscaling.autoscaler().kind())) {
            String[] resource = RESOURCES.get(kind);
            for (String verb : List.of("get", "list", "watch")) {
                assertThat(role.allows(new ApiAccess(verb, resource[0], resource[1], null, "llmload-demo",
                        "get".equals(verb) ? "llmload-sim" : null, null)))
                        .as(verb + " " + resource[1] + " in config/rbac/cluster_role.yaml").isTrue();
            }
        }
    }

    private static boolean defined(List<JsonNode> docs, String kind, String name) {
        return docs.stream().anyMatch(d -> kind.equals(d.path("kind").asText())
                && name.equals(d.path("metadata").path("name").asText()));
    }
}
