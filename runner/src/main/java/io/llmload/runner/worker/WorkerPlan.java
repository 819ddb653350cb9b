package io.llmload.runner.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.Metadata;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.Violation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the operator writes into the plan ConfigMap (key {@code plan.json}) and every runner reads.
 *
 * @param testName the LlmLoadTest's name (also the engine's name: request ids are {@code <testName>-<index>-<seq>})
 * @param runners total runners (the indexed Job's completions)
 * @param targetUrl the resolved base URL (the operator resolves {@code spec.target.service} to a URL)
 * @param spec the runner part of the CR spec, verbatim
 * @param seed base seed; runner i uses {@code seed + i} for its own workload and arrival randomness
 * @param controlPort port of the control endpoint (default 8080; 0 picks a free port, for tests)
 * @param model the model to send, or null: the runner asks the server (GET /v1/models) and uses its only model
 * @param datasetFiles per request type name, where its dataset (a ConfigMap key or a file on a volume) is mounted in
 *     the runner pod; empty when no type reads a dataset
 * @param mountedFiles other files the operator mounted for this test, by role ({@link MountedFiles}): the TLS CA
 *     bundle, client certificate and key, the tokenizer.json. Paths only: Secret values never enter the plan
 * @param startDeadlineEpochMillis a runner not told to start by then gives up and exits (the operator is gone or
 *     could not start every runner); null: it waits for the start signal as long as it lives
 */
public record WorkerPlan(String testName, String namespace, int runners, String targetUrl, String model,
        LoadTestSpec spec, long seed, int controlPort,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> datasetFiles,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> mountedFiles,
        Long startDeadlineEpochMillis) {

    public WorkerPlan {
        // Sorted: the plan's JSON is the same for the same test, whatever order the map was built in.
        datasetFiles = datasetFiles == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(datasetFiles));
        mountedFiles = mountedFiles == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(mountedFiles));
    }

    /** A plan without other mounted files and without a start deadline. */
    public WorkerPlan(String testName, String namespace, int runners, String targetUrl, String model,
            LoadTestSpec spec, long seed, int controlPort, Map<String, String> datasetFiles) {
        this(testName, namespace, runners, targetUrl, model, spec, seed, controlPort, datasetFiles, Map.of(), null);
    }

    /** A plan whose request types read no dataset, without a start deadline. */
    public WorkerPlan(String testName, String namespace, int runners, String targetUrl, String model,
            LoadTestSpec spec, long seed, int controlPort) {
        this(testName, namespace, runners, targetUrl, model, spec, seed, controlPort, Map.of(), Map.of(), null);
    }

    /** This plan with a start deadline. */
    public WorkerPlan withStartDeadline(Long epochMillis) {
        return new WorkerPlan(testName, namespace, runners, targetUrl, model, spec, seed, controlPort, datasetFiles,
                mountedFiles, epochMillis);
    }

    public static final int DEFAULT_CONTROL_PORT = 8080;
    public static final long DEFAULT_SEED = 1;

    private static final Set<String> FIELDS = Set.of("testName", "namespace", "runners", "targetUrl", "model", "spec",
            "seed", "controlPort", "datasetFiles", "mountedFiles", "startDeadlineEpochMillis");

    public static WorkerPlan read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    /**
     * Parses and checks a plan. The spec goes through the manifest reader and validator (cluster mode, with the
     * resolved target), so a bad plan fails here with the same field paths a manifest would — not mid-run.
     *
     * @throws IllegalArgumentException naming every problem on one line
     */
    public static WorkerPlan fromJson(String json) {
        JsonNode tree;
        try {
            tree = WorkerJson.readObject(json == null ? "" : json);
        } catch (IllegalArgumentException e) {
            throw invalid(List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        tree.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(name + ": unknown field (known: " + FIELDS.stream().sorted()
                        .collect(Collectors.joining(", ")) + ")");
            }
        });
        String testName = text(tree, "testName", problems);
        int runners = (int) number(tree, "runners", null, true, problems);
        long seed = number(tree, "seed", DEFAULT_SEED, false, problems);
        int controlPort = (int) number(tree, "controlPort", (long) DEFAULT_CONTROL_PORT, true, problems);
        LoadTestSpec spec = spec(tree.get("spec"), testName, problems);
        long startDeadline = number(tree, "startDeadlineEpochMillis", 0L, false, problems);
        WorkerPlan plan = new WorkerPlan(testName, text(tree, "namespace", problems), runners,
                text(tree, "targetUrl", problems), text(tree, "model", problems), spec, seed, controlPort,
                textMap(tree, "datasetFiles", problems), textMap(tree, "mountedFiles", problems),
                startDeadline > 0 ? startDeadline : null);
        if (problems.isEmpty()) {
            problems.addAll(plan.problems());
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return plan;
    }

    public String toJson() {
        return WorkerJson.write(this);
    }

    /** What is wrong with this plan (empty when it can run); the operator may call it before writing the plan. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (blank(testName)) {
            problems.add("testName: required");
        }
        if (runners < 1) {
            problems.add("runners: must be at least 1");
        }
        boolean urlOk = validUrl(targetUrl);
        if (!urlOk) {
            problems.add("targetUrl: " + (blank(targetUrl) ? "required, " : "") + "must be an http(s) URL like "
                    + "http://vllm.models.svc:8000");
        }
        if (controlPort < 0 || controlPort > 65_535) {
            problems.add("controlPort: must be a port between 0 and 65535");
        }
        if (spec == null) {
            problems.add("spec: required");
            return problems;
        }
        problems.addAll(datasetFileProblems());
        problems.addAll(MountedFiles.problems(spec, mountedFiles));
        for (Violation v : ManifestValidator.validate(asTest(), ManifestValidator.Mode.CLUSTER)) {
            // The target's url and model are the plan's own (checked above); the spec's service was resolved.
            if (!v.path().equals("spec.target") && !v.path().startsWith("spec.target.url")
                    && !v.path().startsWith("spec.target.model") && !v.path().startsWith("spec.target.service")) {
                problems.add(v.path() + ": " + v.message());
            }
        }
        return problems;
    }

    /** The spec as this runner runs it: the resolved URL and model in place of the Service reference. */
    private LlmLoadTest asTest() {
        TargetSpec t = spec.target() == null ? TargetSpec.EMPTY
                : spec.target();
        TargetSpec resolved = new TargetSpec(targetUrl, null, model, null, t.apiKeySecretRef(), t.timeout(),
                t.maxConnections(), null, null, t.maxEventBytes(), t.basePath(), t.tls(), t.headers(), t.proxy());
        return new LlmLoadTest(LlmLoadTest.API_VERSION, LlmLoadTest.KIND, new Metadata(testName, namespace, null),
                spec.withTarget(resolved));
    }

    private static LoadTestSpec spec(JsonNode node, String testName, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add("spec: required");
            return null;
        }
        if (!node.isObject()) {
            problems.add("spec: expected an object");
            return null;
        }
        // Bound by the manifest reader: the same strictness (unknown fields fail) and the same field paths.
        ObjectNode manifest = WorkerJson.MAPPER.createObjectNode();
        manifest.put("apiVersion", LlmLoadTest.API_VERSION).put("kind", LlmLoadTest.KIND);
        manifest.putObject("metadata").put("name", testName);
        manifest.set("spec", node);
        try {
            return ManifestReader.fromTree(manifest).spec();
        } catch (InvalidManifestException e) {
            e.violations().forEach(v -> problems.add(v.path() + ": " + v.message()));
            return null;
        }
    }

    /** Every request type that reads a dataset needs the file the operator mounted for it. */
    private List<String> datasetFileProblems() {
        List<String> problems = new ArrayList<>();
        if (spec.workload() == null || spec.workload().mix() == null) {
            return problems;
        }
        for (RequestTypeSpec type : spec.workload().mix()) {
            if (type != null && type.prompt() != null && type.prompt().dataset() != null
                    && blank(datasetFiles.get(type.name()))) {
                problems.add("datasetFiles: no mounted file for request type '" + type.name() + "'");
            }
        }
        return problems;
    }

    private static Map<String, String> textMap(JsonNode tree, String field, List<String> problems) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        if (!node.isObject()) {
            problems.add(field + ": expected an object of strings");
            return map;
        }
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                map.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(field + "." + e.getKey() + ": expected a string");
            }
        });
        return map;
    }

    private static String text(JsonNode tree, String field, List<String> problems) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + ": expected a string");
            return null;
        }
        return node.asText();
    }

    private static long number(JsonNode tree, String field, Long fallback, boolean isInt, List<String> problems) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                problems.add(field + ": required");
                return 0;
            }
            return fallback;
        }
        if (!node.isIntegralNumber() || !(isInt ? node.canConvertToInt() : node.canConvertToLong())) {
            problems.add(field + ": expected a whole number");
            return fallback == null ? 0 : fallback;
        }
        return node.asLong();
    }

    private static boolean validUrl(String url) {
        if (blank(url)) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static IllegalArgumentException invalid(List<String> problems) {
        return new IllegalArgumentException("invalid worker plan: " + problems.stream().map(WorkerJson::oneLine)
                .collect(Collectors.joining("; ")));
    }
}
