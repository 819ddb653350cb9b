package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of a CRD file, compiled with Google's CEL for Java and evaluated
 * the way the API server does: each rule on the value at its schema node, as {@code self}. The mock API server of
 * the tests runs none of them; this is how they are tested. Values are plain maps and lists read from YAML (integers
 * as int64, like Kubernetes'), so {@code has(self.x)} tests presence as in the API server.
 */
final class CrdCelRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One rule where it sits: the schema path ({@code spec.workload.mix[].prompt.dataset}), its node and text. */
    record Rule(String path, JsonNode schema, String expression, String message, CelRuntime.Program program) {

        boolean accepts(Object self) {
            try {
                Object result = program.eval(Map.of("self", self));
                if (!(result instanceof Boolean accepted)) {
                    throw new AssertionError(path + ": rule " + expression + " returned " + result + ", not a bool");
                }
                return accepted;
            } catch (CelEvaluationException e) {
                throw new AssertionError(path + ": rule " + expression + " failed on " + self + ": "
                        + e.getMessage(), e);
            }
        }

        String key() {
            return path + " :: " + expression;
        }
    }

    /** Kubernetes' CEL environment has the standard macros (has, all, exists...); self is typed by the schema. */
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final JsonNode root;
    private final List<Rule> rules = new ArrayList<>();

    private CrdCelRules(JsonNode root) {
        this.root = root;
        collect("", root);
    }

    /** The rules of the CRD's (only) version. */
    static CrdCelRules load(Path crdFile) throws IOException {
        JsonNode crd = YAML.readTree(crdFile.toFile());
        return new CrdCelRules(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
    }

    List<Rule> rules() {
        return rules;
    }

    JsonNode rootSchema() {
        return root;
    }

    /**
     * Every rule's message where the object breaks it, walking the object along the schema like the API server
     * (a rule runs where its node has a value).
     */
    List<String> violations(Object object) {
        List<String> violations = new ArrayList<>();
        walk("", root, object, violations);
        return violations;
    }

    /** A YAML document as CEL sees it: maps, lists, int64, double, string, bool. */
    static Object value(String yaml) {
        try {
            return value(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }

    static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(value(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asText();
    }

    private void collect(String path, JsonNode schema) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            rules.add(new Rule(path.isEmpty() ? "<root>" : path, schema, expression, rule.path("message").asText(),
                    compile(path, expression)));
        }
        schema.path("properties").fields().forEachRemaining(p -> collect(join(path, p.getKey()), p.getValue()));
        if (schema.has("items")) {
            collect(path + "[]", schema.get("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(path + "{}", schema.get("additionalProperties"));
        }
    }

    @SuppressWarnings("unchecked")
    private void walk(String path, JsonNode schema, Object value, List<String> violations) {
        if (value == null) {
            return;
        }
        String rulePath = path.isEmpty() ? "<root>" : path;
        rules.stream().filter(r -> r.path().equals(rulePath) && r.schema() == schema && !r.accepts(value))
                .forEach(r -> violations.add(rulePath + ": " + r.message()));
        if (value instanceof Map<?, ?> map) {
            schema.path("properties").fields().forEachRemaining(p -> walk(join(path, p.getKey()), p.getValue(),
                    ((Map<String, Object>) map).get(p.getKey()), violations));
            if (schema.path("additionalProperties").isObject()) {
                map.values().forEach(v -> walk(path + "{}", schema.get("additionalProperties"), v, violations));
            }
        } else if (value instanceof List<?> list && schema.has("items")) {
            list.forEach(v -> walk(path + "[]", schema.get("items"), v, violations));
        }
    }

    private static CelRuntime.Program compile(String path, String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return RUNTIME.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError("rule at " + path + " does not compile: " + expression + ": " + e.getMessage(),
                    e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
