package io.llmload.runner.spec;

import io.llmload.runner.openai.Api;
import io.llmload.runner.plan.ArrivalProcess;
import io.llmload.runner.plan.LoadShape;
import io.llmload.runner.simulator.SimulatorProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a manifest's meaning (what the schema cannot) and reports every problem with its field path and the fix.
 * The CLI and the operator run the same checks; only where the target comes from differs.
 */
public final class ManifestValidator extends Checks {

    /** Where the test runs: locally (the CLI may start the simulator) or in a cluster (a target is required). */
    public enum Mode { LOCAL, CLUSTER }

    private static final List<String> APIS = apis();
    private static final List<String> TOKENIZERS = io.llmload.runner.workload.Tokenizer.NAMES;

    private final Mode mode;

    private static List<String> apis() {
        List<String> names = new ArrayList<>(Api.NAMES);
        names.add("rag");
        return List.copyOf(names);
    }

    private ManifestValidator(Mode mode) {
        this.mode = mode;
    }

    public static List<Violation> validate(LlmLoadTest test, Mode mode) {
        ManifestValidator v = new ManifestValidator(mode);
        v.checkManifest(test);
        return List.copyOf(v.violations);
    }

    /**
     * The reader's structural problems and every meaning check of what it could still read, in one list: a manifest
     * with an unknown field gets its other problems reported too. A meaning check on a field the reader already
     * rejected (a word where a number belongs reads as empty, then "required") is left out.
     */
    public static InvalidManifestException withMeaningChecks(InvalidManifestException readProblems, Mode mode) {
        if (readProblems.partial() == null) {
            return readProblems;
        }
        List<Violation> all = new ArrayList<>(readProblems.violations());
        Set<String> rejected = new HashSet<>();
        readProblems.violations().forEach(v -> rejected.add(v.path()));
        validate(readProblems.partial(), mode).stream().filter(v -> !rejected.contains(v.path())).forEach(all::add);
        return new InvalidManifestException(all);
    }

    /** Throws with every violation when there is any. */
    public static void requireValid(LlmLoadTest test, Mode mode) throws InvalidManifestException {
        List<Violation> found = validate(test, mode);
        if (!found.isEmpty()) {
            throw new InvalidManifestException(found);
        }
    }

    private void checkManifest(LlmLoadTest test) {
        if (!LlmLoadTest.API_VERSION.equals(test.apiVersion())) {
            add("apiVersion", "must be " + LlmLoadTest.API_VERSION);
        }
        if (test.metadata() != null && test.metadata().name() != null
                && !test.metadata().name().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            add("metadata.name", "must be a DNS-1123 name: lower-case letters, digits, '-' and '.'");
        }
        if (test.spec() == null) {
            add("spec", "required: add target, workload, load and slo sections");
            return;
        }
        checkSpec(test.spec());
    }

    private void checkSpec(LoadTestSpec spec) {
        checkTarget(spec.target());
        checkWorkload(spec.workload());
        violations.addAll(RetryChecks.check(spec.workload() == null ? null : spec.workload().retry()));
        checkLoad(spec.load());
        checkSlo(spec.slo());
        checkPlan(spec.plan(), spec.load());
        if (spec.autoscaling() != null && io.llmload.runner.plan.SearchPlan.isSearch(spec.load())) {
            // Each probe is a run of its own: the replica timeline and its windows would not line up with them.
            add("spec.autoscaling", "does not combine with a capacity search (load.shape.type: search) yet: watch "
                    + "autoscaling in a run with stages or a step shape");
        }
        checkStreamingTargets(spec.slo(), spec.workload());
        checkGuardrails(spec.guardrails());
        checkCost(spec.cost());
        boolean loadIsValid = violations.stream().noneMatch(v -> v.path().startsWith("spec.load"));
        violations.addAll(AutoscalingChecks.check(spec, mode, loadIsValid));
        violations.addAll(LimitChecks.check(spec));
    }

    /** TTFT, ITL and TPOT exist only for streamed responses: a target on them needs a streaming request type. */
    private void checkStreamingTargets(SloSpec slo, WorkloadSpec workload) {
        if (slo == null || workload == null || workload.mix() == null) {
            return;
        }
        boolean streams = workload.mix().stream().anyMatch(t -> t != null && t.api() != null
                && APIS.contains(t.api().toLowerCase(Locale.ROOT)) && streamingApi(t.api())
                && (t.stream() == null || t.stream()));
        if (streams) {
            return;
        }
        String fix = "needs a streaming chat, completions or responses request type in spec.workload.mix (it is "
                + "measured only on streamed responses)";
        if (slo.ttft() != null) {
            add("spec.slo.ttft", fix);
        }
        if (slo.itl() != null) {
            add("spec.slo.itl", fix);
        }
        if (slo.tpot() != null) {
            add("spec.slo.tpot", fix);
        }
    }

    private void checkTarget(TargetSpec target) {
        String p = "spec.target";
        boolean hasUrl = target != null && target.url() != null && !target.url().isBlank();
        boolean hasService = target != null && target.service() != null;
        if (mode == Mode.CLUSTER && !hasUrl && !hasService) {
            add(p, "required: set target.url or target.service");
            return;
        }
        if (target == null) {
            return;
        }
        if (hasUrl && hasService) {
            add(p + ".service", "set either target.url or target.service, not both");
        }
        if (hasUrl) {
            url(p + ".url", target.url());
        }
        if (hasService) {
            if (mode == Mode.LOCAL && !hasUrl) {
                add(p + ".service", "a Service resolves only in-cluster: set target.url or pass --target URL");
            }
            if (blank(target.service().name())) {
                add(p + ".service.name", "required: the Service's name");
            }
            port(p + ".service.port", target.service().port());
        }
        // No model: the runner asks GET /v1/models and uses the server's only model (several: an error).
        violations.addAll(ConnectionChecks.check(target, hasUrl && target.url().trim().startsWith("https:")
                || !hasUrl && hasService && target.tls() != null, mode));
        if (target.apiKeySecretRef() != null
                && (blank(target.apiKeySecretRef().name()) || blank(target.apiKeySecretRef().key()))) {
            add(p + ".apiKeySecretRef", "needs both name and key of the Secret");
        }
        duration(p + ".timeout", target.timeout());
        if (target.maxConnections() != null && target.maxConnections() < 1) {
            add(p + ".maxConnections", "must be at least 1");
        }
        if (target.maxEventBytes() != null && target.maxEventBytes() < 1024) {
            add(p + ".maxEventBytes", "must be at least 1024 (bytes; the default is 1048576)");
        }
        if (target.simulator() != null && target.simulator().profile() != null
                && !SimulatorProfile.names().contains(target.simulator().profile())) {
            add(p + ".simulator.profile", "unknown profile '" + target.simulator().profile() + "': use one of "
                    + String.join(", ", SimulatorProfile.names()));
        }
        Integer tokensPerChunk = target.simulator() == null ? null : target.simulator().tokensPerChunk();
        if (tokensPerChunk != null && (tokensPerChunk < 1 || tokensPerChunk > SimulatorSpec.MAX_TOKENS_PER_CHUNK)) {
            add(p + ".simulator.tokensPerChunk", "must be between 1 and " + SimulatorSpec.MAX_TOKENS_PER_CHUNK);
        }
        if (target.simulator() != null) {
            violations.addAll(SimulatorAutoscalingChecks.check(p + ".simulator.autoscaling",
                    target.simulator().autoscaling()));
        }
        violations.addAll(MetricsSourceChecks.check(p + ".metrics", target.metrics(), mode));
    }

    private void checkWorkload(WorkloadSpec workload) {
        String p = "spec.workload.mix";
        if (workload == null || workload.mix() == null || workload.mix().isEmpty()) {
            add(p, "required: list at least one request type, e.g. {name: chat, api: chat, prompt: {text: Hello}}");
            return;
        }
        if (workload.tokenizer() != null && !TOKENIZERS.contains(workload.tokenizer().toLowerCase(Locale.ROOT))) {
            add("spec.workload.tokenizer", "must be one of " + String.join(", ", TOKENIZERS)
                    + " (a model's own tokenizer.json goes in spec.workload.tokenizerFile)");
        }
        violations.addAll(TokenizerChecks.check(workload, mode));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < workload.mix().size(); i++) {
            RequestTypeSpec type = workload.mix().get(i);
            String at = p + "[" + i + "]";
            if (type == null) {
                add(at, "must be an object");
                continue;
            }
            if (blank(type.name())) {
                add(at + ".name", "required: a name for reports, e.g. chat-short");
            } else if (!names.add(type.name())) {
                add(at + ".name", "duplicate name '" + type.name() + "': names must be unique");
            }
            if (type.weight() != null && !(type.weight() > 0)) {
                add(at + ".weight", "must be greater than 0");
            }
            checkRequestType(at, type);
        }
        violations.addAll(CompositeChecks.ragStepNames(p, workload.mix(), names));
    }

    private void checkRequestType(String at, RequestTypeSpec type) {
        if (blank(type.api()) || !APIS.contains(type.api().toLowerCase(Locale.ROOT))) {
            add(at + ".api", "must be one of " + String.join(", ", APIS));
            return;
        }
        violations.addAll(CompositeChecks.check(at, type));
        String api = type.api().toLowerCase(Locale.ROOT);
        violations.addAll(RerankChecks.check(at, type));
        boolean embeddings = api.equals("embeddings") || api.equals("rerank") || api.equals("score");
        PromptSpec prompt = type.prompt();
        violations.addAll(PromptChecks.check(at + ".prompt", prompt, mode));
        if (prompt != null && prompt.inputTokens() != null) {
            distribution(at + ".prompt.inputTokens", prompt.inputTokens());
        }
        if (embeddings) {
            if (Boolean.TRUE.equals(type.stream())) {
                add(at + ".stream", (api.equals("embeddings") ? api : api + " requests")
                        + " do not stream: remove stream or set it to false");
            }
            if (type.batchSize() != null && !api.equals("embeddings")) {
                add(at + ".batchSize", "only embeddings requests have a batch size (rerank/score: rerank.documents)");
            } else if (type.batchSize() != null && type.batchSize() < 1) {
                add(at + ".batchSize", "must be at least 1");
            }
            if (prompt != null && prompt.systemPrompt() != null) {
                add(at + ".prompt.systemPrompt", "only chat and responses requests have a system prompt");
            }
        } else {
            if (type.batchSize() != null) {
                add(at + ".batchSize", "only embeddings requests have a batch size");
            }
            if (api.equals("completions") && prompt != null && prompt.systemPrompt() != null) {
                add(at + ".prompt.systemPrompt", "only chat and responses requests have a system prompt");
            }
            if (type.output() != null && type.output().maxTokens() != null) {
                distribution(at + ".output.maxTokens", type.output().maxTokens());
            }
            violations.addAll(OutputChecks.check(at + ".output", type.output()));
        }
    }

    private static boolean streamingApi(String api) {
        String name = api.toLowerCase(Locale.ROOT);
        return name.equals("rag") || Api.parse(name).streams();
    }

    private void checkLoad(LoadSpec load) {
        String p = "spec.load";
        if (load == null) {
            add(p, "required: e.g. {model: closed, stages: [{duration: 1m, users: 8}]}");
            return;
        }
        String model = load.model() == null ? "closed" : load.model();
        boolean open = model.equals("open");
        if (!open && !model.equals("closed")) {
            add(p + ".model", "must be closed (concurrent users) or open (arrivals per second)");
            return;
        }
        if (load.arrival() != null) {
            if (!open) {
                add(p + ".arrival", "only the open model has an arrival process: remove it or set model: open");
            } else if (ArrivalProcess.named(load.arrival()).isEmpty()) {
                add(p + ".arrival", "must be one of " + String.join(", ", ArrivalProcess.names()));
            }
        }
        if (load.thinkTime() != null && open) {
            add(p + ".thinkTime", "only the closed model has think time: remove it or set model: closed");
        }
        duration(p + ".warmup", load.warmup());
        duration(p + ".thinkTime", load.thinkTime());
        duration(p + ".gracefulStop", load.gracefulStop());
        boolean hasStages = load.stages() != null && !load.stages().isEmpty();
        if (hasStages == (load.shape() != null)) {
            add(p + ".stages", "set exactly one of load.stages or load.shape");
            return;
        }
        if (hasStages) {
            checkStages(p + ".stages", load.stages(), open);
        } else {
            checkShape(p + ".shape", load.shape(), open);
        }
    }

    private void checkStages(String p, List<StageSpec> stages, boolean open) {
        Set<String> names = new HashSet<>();
        double peak = 0;
        for (int i = 0; i < stages.size(); i++) {
            StageSpec stage = stages.get(i);
            String at = p + "[" + i + "]";
            if (stage == null) {
                add(at, "must be an object");
                continue;
            }
            // Unnamed stages are called stage-N in reports: an explicit name must not collide with those either.
            String effectiveName = stage.name() != null ? stage.name() : "stage-" + (i + 1);
            if (effectiveName.equals("warmup")) {
                add(at + ".name", "'warmup' is reserved: use load.warmup for a warmup period");
            } else if (!names.add(effectiveName)) {
                add(at + ".name", "duplicate stage name '" + effectiveName + "' (unnamed stages are called stage-N)");
            }
            if (stage.duration() == null) {
                add(at + ".duration", "required: " + Durations.HINT);
            } else {
                duration(at + ".duration", stage.duration());
            }
            if (open) {
                if (stage.users() != null) {
                    add(at + ".users", "the open model takes rate (arrivals per second), not users");
                }
                if (stage.rate() == null || stage.rate() < 0) {
                    add(at + ".rate", "required for the open model: arrivals per second >= 0");
                } else {
                    peak = Math.max(peak, stage.rate());
                }
            } else {
                if (stage.rate() != null) {
                    add(at + ".rate", "the closed model takes users (concurrent users), not rate");
                }
                if (stage.users() == null || stage.users() < 0) {
                    add(at + ".users", "required for the closed model: concurrent users >= 0");
                } else {
                    peak = Math.max(peak, stage.users());
                }
            }
        }
        if (peak <= 0 && violations.stream().noneMatch(v -> v.path().startsWith(p))) {
            add(p, "every stage has zero load: give at least one stage " + (open ? "rate" : "users") + " > 0");
        }
    }

    private void checkShape(String p, ShapeSpec shape, boolean open) {
        LoadShape kind = LoadShape.named(shape.type()).orElse(null);
        if (kind == null) {
            add(p + ".type", "must be one of " + String.join(", ", LoadShape.names()));
            return;
        }
        if (!"search".equals(shape.type())) {
            searchOnly(p + ".growth", shape.growth());
            searchOnly(p + ".precision", shape.precision());
            searchOnly(p + ".maxProbes", shape.maxProbes());
            searchOnly(p + ".maxDuration", shape.maxDuration());
            searchOnly(p + ".repeats", shape.repeats());
        }
        String levelHint = open ? "arrivals per second >= 0" : "a whole number of users >= 0";
        kind.check(shape, new LoadShape.Fields() {
            @Override
            public void level(String field, Double value) {
                if (value == null || !(value >= 0) || !open && value != Math.rint(value)) {
                    add(p + "." + field, "required: " + levelHint);
                }
            }

            @Override
            public void duration(String field, String value) {
                required(p + "." + field, value);
            }

            @Override
            public void problem(String field, String message) {
                add(p + "." + field, message);
            }

            @Override
            public boolean wholeLevels() {
                return !open;
            }
        });
    }

    /** One target; users only where users are measured (closed model); headroom below 100%. */
    private void checkPlan(PlanSpec plan, LoadSpec load) {
        if (plan == null) {
            return;
        }
        String p = "spec.plan";
        if ((plan.targetRate() == null) == (plan.targetUsers() == null)) {
            add(p, "give exactly one of targetRate (requests per second) or targetUsers (concurrent users)");
        }
        if (plan.targetRate() != null && !(plan.targetRate() > 0)) {
            add(p + ".targetRate", "must be above 0 requests per second");
        }
        if (plan.targetUsers() != null && plan.targetUsers() < 1) {
            add(p + ".targetUsers", "must be at least 1");
        } else if (plan.targetUsers() != null && load != null && "open".equals(load.model())) {
            add(p + ".targetUsers", "users per replica are measured by the closed model: use targetRate with "
                    + "model: open");
        }
        ratio(p + ".headroom", plan.headroom());
        if (Ratios.parse(plan.headroom()).map(h -> h >= 1).orElse(false)) {
            add(p + ".headroom", "must be below 100%: a replica needs some capacity to use");
        }
        if (plan.gpusPerReplica() != null && plan.gpusPerReplica() < 1) {
            add(p + ".gpusPerReplica", "must be at least 1");
        }
    }

    private void searchOnly(String path, Object value) {
        if (value != null) {
            add(path, "only type: search takes it: remove it, or set type: search");
        }
    }

    private void required(String path, String durationText) {
        if (durationText == null) {
            add(path, "required: " + Durations.HINT);
        } else {
            duration(path, durationText);
        }
    }

    private void checkSlo(SloSpec slo) {
        if (slo == null) {
            return;
        }
        String p = "spec.slo";
        targets(p + ".ttft", slo.ttft());
        targets(p + ".itl", slo.itl());
        targets(p + ".tpot", slo.tpot());
        targets(p + ".e2e", slo.e2e());
        ratio(p + ".errorRate", slo.errorRate());
        if (slo.tiers() != null) {
            ratio(p + ".tiers.normalErrorRate", slo.tiers().normalErrorRate());
            ratio(p + ".tiers.breachErrorRate", slo.tiers().breachErrorRate());
            duration(p + ".tiers.breachE2eP99", slo.tiers().breachE2eP99());
            if (slo.tiers().degradedFactor() != null && !(slo.tiers().degradedFactor() >= 1)) {
                add(p + ".tiers.degradedFactor", "must be at least 1");
            }
        }
    }

    private void targets(String path, PercentileTargets t) {
        if (t == null) {
            return;
        }
        duration(path + ".p50", t.p50());
        duration(path + ".p90", t.p90());
        duration(path + ".p95", t.p95());
        duration(path + ".p99", t.p99());
    }

    private void checkGuardrails(GuardrailSpec g) {
        if (g == null) {
            return;
        }
        String p = "spec.guardrails";
        ratio(p + ".abortOnErrorRate", g.abortOnErrorRate());
        duration(p + ".window", g.window());
        duration(p + ".abortOnTtftP99", g.abortOnTtftP99());
        duration(p + ".maxDuration", g.maxDuration());
    }

    /** Exactly one pricing form: GPU time (gpuHourlyPrice, gpus) or token prices; no negative prices. */
    private void checkCost(CostSpec cost) {
        if (cost == null) {
            return;
        }
        String p = "spec.cost";
        boolean gpu = cost.gpuHourlyPrice() != null || cost.gpus() != null;
        boolean tokens = cost.pricePerMillionInputTokens() != null || cost.pricePerMillionOutputTokens() != null;
        if (gpu && tokens) {
            add(p, "give either gpuHourlyPrice (and gpus) or pricePerMillionInputTokens / pricePerMillionOutputTokens, "
                    + "not both");
        } else if (!gpu && !tokens) {
            add(p, "give gpuHourlyPrice (and gpus) or pricePerMillionInputTokens / pricePerMillionOutputTokens");
        } else if (gpu && cost.gpuHourlyPrice() == null) {
            add(p + ".gpuHourlyPrice", "is required with gpus");
        }
        nonNegative(p + ".gpuHourlyPrice", cost.gpuHourlyPrice());
        nonNegative(p + ".pricePerMillionInputTokens", cost.pricePerMillionInputTokens());
        nonNegative(p + ".pricePerMillionOutputTokens", cost.pricePerMillionOutputTokens());
        if (cost.gpus() != null && cost.gpus() < 1) {
            add(p + ".gpus", "must be at least 1");
        }
    }

}
