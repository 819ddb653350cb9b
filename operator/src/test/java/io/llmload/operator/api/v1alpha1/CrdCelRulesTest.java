package io.llmload.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRD's admission rules, tested on the generated CRD ({@code crds/}, kept equal to the Java classes by
 * {@link CrdDriftTest}) with Google's CEL for Java, since the tests' mock API server evaluates none of them: every
 * rule accepts its good samples and refuses its bad ones, names only fields of its schema node, and stays cheap for
 * the API server's cost estimate; the cluster examples pass every rule.
 */
class CrdCelRulesTest {

    private static final String NAME_52 = "a".repeat(52);

    /** Per rule (schema path :: expression): values of self it must accept, then values it must refuse. */
    private static final Map<String, List<List<String>>> SAMPLES = Map.ofEntries(
            sample("<root> :: size(self.metadata.name) <= 52",
                    List.of("{metadata: {name: " + NAME_52 + "}}", "{metadata: {name: quickstart}}"),
                    List.of("{metadata: {name: " + NAME_52 + "b}}")),
            sample("<root> :: !self.metadata.name.contains('.')",
                    List.of("{metadata: {name: chat-8b}}"),
                    List.of("{metadata: {name: chat.8b}}", "{metadata: {name: a.b.c}}")),
            sample("spec.autoscaling :: has(self.target)",
                    List.of("{target: {apiVersion: apps/v1, kind: Deployment, name: vllm}}",
                            "{target: {kind: Deployment, name: vllm}, autoscaler: {kind: HorizontalPodAutoscaler, "
                                    + "name: vllm}, expect: {maxReplicas: 4}}"),
                    List.of("{expect: {scaleUpWithin: 5m}}", "{replicas: {interval: 1s}}")),
            sample("spec.load :: has(self.stages) != has(self.shape)",
                    List.of("{stages: [{duration: 1m, users: 4}]}", "{model: open, shape: {type: step}}"),
                    List.of("{model: closed}", "{stages: [{duration: 1m, users: 4}], shape: {type: ramp}}")),
            sample("spec.target :: has(self.url) != has(self.service)",
                    List.of("{url: 'http://vllm.models.svc:8000', model: m}", "{service: {name: vllm}, model: m}"),
                    List.of("{model: m}", "{simulator: {profile: tiny}, model: m}",
                            "{url: 'http://vllm:8000', service: {name: vllm}, model: m}")),
            sample("spec.target.apiKeySecretRef :: has(self.name) && size(self.name) > 0 && has(self.key) "
                    + "&& size(self.key) > 0",
                    List.of("{name: vllm-key, key: token}"),
                    List.of("{name: vllm-key}", "{key: token}", "{name: '', key: token}", "{name: k, key: ''}",
                            "{}")),
            sample("spec.target.metrics :: !has(self.source) || self.source != 'pods' || has(self.podSelector)",
                    List.of("{}", "{source: pods, podSelector: {app: vllm}}", "{source: target}",
                            "{podSelector: {app: vllm}}"),
                    List.of("{source: pods}", "{source: pods, namespace: models}")),
            sample("spec.target.metrics :: !has(self.source) || self.source != 'prometheus' "
                    + "|| has(self.prometheusUrl)",
                    List.of("{}", "{source: prometheus, prometheusUrl: 'http://prometheus.monitoring.svc:9090'}",
                            "{prometheusUrl: 'http://p.monitoring.svc:9090'}"),
                    List.of("{source: prometheus}", "{source: prometheus, url: 'http://x.y.svc/metrics'}")),
            sample("spec.target.service :: has(self.name) && size(self.name) > 0",
                    List.of("{name: vllm}", "{name: vllm, port: 8000, namespace: models}"),
                    List.of("{port: 8000}", "{name: ''}")),
            sample("spec.workload.mix[].prompt.dataset :: has(self.configMapRef) != has(self.persistentVolumeClaim)",
                    List.of("{configMapRef: {name: prompts, key: data.jsonl}}",
                            "{persistentVolumeClaim: {claimName: datasets, path: sharegpt.json}, format: sharegpt}"),
                    List.of("{path: data/sharegpt.json}", "{}", "{configMapRef: {name: p, key: k}, "
                            + "persistentVolumeClaim: {claimName: c, path: f}}")),
            sample("spec.workload.mix[].prompt.dataset.configMapRef :: has(self.name) && size(self.name) > 0 "
                    + "&& has(self.key) && size(self.key) > 0",
                    List.of("{name: prompts, key: data.jsonl}"),
                    List.of("{name: prompts}", "{key: data.jsonl}", "{name: '', key: k}")),
            sample("spec.workload.mix[].prompt.dataset.persistentVolumeClaim :: has(self.claimName) "
                    + "&& size(self.claimName) > 0 && has(self.path) && size(self.path) > 0",
                    List.of("{claimName: datasets, path: sharegpt/v3.jsonl}"),
                    List.of("{claimName: datasets}", "{path: a.jsonl}", "{claimName: c, path: ''}")),
            sample("spec.target.headers[].secretKeyRef :: has(self.name) && size(self.name) > 0 && has(self.key) "
                    + "&& size(self.key) > 0",
                    List.of("{name: gateway, key: token}"),
                    List.of("{name: gateway}", "{key: token}", "{name: '', key: token}")),
            sample("spec.target.tls.caSecretRef :: has(self.name) && size(self.name) > 0 && has(self.key) "
                    + "&& size(self.key) > 0",
                    List.of("{name: private-ca, key: ca.crt}"),
                    List.of("{name: private-ca}", "{key: ca.crt}", "{name: p, key: ''}")),
            sample("spec.target.tls.caConfigMapRef :: has(self.name) && size(self.name) > 0 && has(self.key) "
                    + "&& size(self.key) > 0",
                    List.of("{name: kube-root-ca.crt, key: ca.crt}"),
                    List.of("{name: kube-root-ca.crt}", "{key: ca.crt}", "{name: '', key: ca.crt}")),
            sample("spec.workload.tokenizerFile.configMapRef :: has(self.name) && size(self.name) > 0 "
                    + "&& has(self.key) && size(self.key) > 0",
                    List.of("{name: llama-tokenizer, key: tokenizer.json}"),
                    List.of("{name: llama-tokenizer}", "{key: tokenizer.json}", "{name: t, key: ''}")),
            sample("spec.workload.tokenizerFile.persistentVolumeClaim :: has(self.claimName) "
                    + "&& size(self.claimName) > 0 && has(self.path) && size(self.path) > 0",
                    List.of("{claimName: models, path: llama/tokenizer.json}"),
                    List.of("{claimName: models}", "{path: tokenizer.json}", "{claimName: '', path: t.json}")));

    /**
     * Kubernetes' own types passed through to the runner pods (their lists themselves are bounded): the lists inside
     * them have their schema from Fabric8's model and cannot carry our annotations. The API server bounds them by the
     * object size and validates them again when it creates the Job; no rule of ours sits inside them (checked below).
     */
    private static final List<String> KUBERNETES_TYPES = List.of("spec.runners.resources", "spec.runners.affinity",
            "spec.runners.topologySpreadConstraints[]", "spec.runners.env[]", "spec.runners.volumes[]",
            "spec.runners.volumeMounts[]", "spec.runners.tolerations[]");

    /**
     * A rough bound on how often a rule runs per object: the product of its list ancestors' maxItems. The API
     * server multiplies each rule's estimated cost by this; staying under it keeps every rule far from the per-CRD
     * budget (100,000,000), since no rule iterates (cost per run: a handful of units, the name rule ~2.6M once).
     */
    private static final long MAX_RUNS_PER_OBJECT = 1_000;

    private static final Pattern FIELD = Pattern.compile("self\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> MACROS = Set.of(".all(", ".exists(", ".exists_one(", ".map(", ".filter(");

    private static CrdCelRules crd;

    @BeforeAll
    static void load() throws IOException {
        crd = CrdCelRules.load(crdDir().resolve(CrdDriftTest.CRD_FILE));
    }

    @Test
    void everyRuleAcceptsItsGoodSamplesAndRefusesItsBadOnes() {
        Set<String> inCrd = crd.rules().stream().map(CrdCelRules.Rule::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(inCrd).as("rules of the CRD; each needs samples here").containsExactlyInAnyOrderElementsOf(
                new TreeSet<>(SAMPLES.keySet()));
        for (CrdCelRules.Rule rule : crd.rules()) {
            List<List<String>> samples = SAMPLES.get(rule.key());
            assertThat(rule.message()).as(rule.key() + ": message").isNotBlank();
            for (String good : samples.get(0)) {
                assertThat(rule.accepts(CrdCelRules.value(good))).as(rule.key() + " must accept " + good).isTrue();
            }
            for (String bad : samples.get(1)) {
                assertThat(rule.accepts(CrdCelRules.value(bad))).as(rule.key() + " must refuse " + bad).isFalse();
            }
        }
    }

    @Test
    void rulesNameOnlyFieldsOfTheirSchemaNode() {
        for (CrdCelRules.Rule rule : crd.rules()) {
            Matcher field = FIELD.matcher(rule.expression());
            while (field.find()) {
                String name = field.group(1);
                boolean known = rule.schema().path("properties").has(name)
                        || rule.path().equals("<root>") && name.equals("metadata");
                assertThat(known).as(rule.key() + ": self." + name + " is not a field here").isTrue();
            }
        }
    }

    @Test
    void everyListIsBoundedAndNoRuleIterates() {
        List<String> unbounded = new ArrayList<>();
        arrays("", crd.rootSchema(), unbounded);
        assertThat(unbounded).as("lists without maxItems and maps without maxProperties (add @Size(max = ...))")
                .isEmpty();

        for (CrdCelRules.Rule rule : crd.rules()) {
            assertThat(KUBERNETES_TYPES).as(rule.key() + ": no rule inside Kubernetes' own types")
                    .noneMatch(type -> rule.path().startsWith(type));
            assertThat(MACROS).as(rule.key() + ": comprehensions make the cost grow with the data")
                    .noneMatch(rule.expression()::contains);
            assertThat(runsPerObject(rule.path())).as(rule.key() + ": evaluations per object")
                    .isLessThanOrEqualTo(MAX_RUNS_PER_OBJECT);
        }
    }

    @Test
    void clusterExamplesPassEveryRuleAndBrokenOnesAreToldWhy() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(crdDir().getParent().resolve("examples"))) {
            examples = files.filter(f -> f.getFileName().toString().endsWith("-k8s.yaml")).toList();
        }
        assertThat(examples).isNotEmpty();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path example : examples) {
            try (var parser = yaml.getFactory().createParser(example.toFile())) {
                for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
                    if ("LlmLoadTest".equals(doc.path("kind").asText())) {
                        assertThat(crd.violations(CrdCelRules.value(doc))).as(example.toString()).isEmpty();
                    }
                }
            }
        }

        // A CLI manifest (no target: the CLI's simulator) applied to a cluster, with a name that cannot be a host.
        Object cliManifest = CrdCelRules.value("{apiVersion: llmload.io/v1alpha1, kind: LlmLoadTest,"
                + " metadata: {name: chat.test},"
                + " spec: {target: {model: m}, workload: {mix: [{name: c, api: chat,"
                + "   prompt: {dataset: {path: data/sharegpt.json}}}]}, load: {stages: [{duration: 1m, users: 1}]}}}");
        assertThat(crd.violations(cliManifest)).containsExactlyInAnyOrder(
                "<root>: metadata.name: no '.', only lower-case letters, digits and '-': it names the runner pods' "
                        + "hostnames",
                "spec.target: give exactly one target: url or service (the embedded simulator is for the CLI; in a "
                        + "cluster deploy it as in examples/quickstart-k8s.yaml and target its Service)",
                "spec.workload.mix[].prompt.dataset: give exactly one of configMapRef or persistentVolumeClaim: in a "
                        + "cluster the runner pods read the dataset from one of them (a local path is for the CLI "
                        + "only)");
    }

    private static void arrays(String path, JsonNode schema, List<String> unbounded) {
        if ("array".equals(schema.path("type").asText()) && !schema.has("maxItems")
                && KUBERNETES_TYPES.stream().noneMatch(type -> path.startsWith(type + "."))) {
            unbounded.add(path);
        }
        // Maps too (a map's size is as unbounded as a list's), except inside Kubernetes' own types.
        if (schema.has("additionalProperties") && !schema.has("maxProperties")
                && KUBERNETES_TYPES.stream().noneMatch(type -> path.equals(type) || path.startsWith(type + "."))) {
            unbounded.add(path + " (map)");
        }
        schema.path("properties").fields().forEachRemaining(p -> arrays(path.isEmpty() ? p.getKey()
                : path + "." + p.getKey(), p.getValue(), unbounded));
        if (schema.has("items")) {
            arrays(path + "[]", schema.get("items"), unbounded);
        }
    }

    /** Product of the maxItems of the lists above a rule's node. */
    private static long runsPerObject(String rulePath) {
        if (rulePath.equals("<root>")) {
            return 1;
        }
        long runs = 1;
        JsonNode node = crd.rootSchema();
        for (String part : rulePath.split("\\.")) {
            boolean list = part.endsWith("[]");
            node = node.path("properties").path(list ? part.substring(0, part.length() - 2) : part);
            if (list) {
                runs *= node.path("maxItems").asLong(Long.MAX_VALUE / 2);
                node = node.path("items");
            }
        }
        return runs;
    }

    private static Map.Entry<String, List<List<String>>> sample(String rule, List<String> accepted,
            List<String> refused) {
        return Map.entry(rule, List.of(accepted, refused));
    }

    private static Path crdDir() {
        return Path.of(System.getProperty("crds.dir", "../crds"));
    }
}
