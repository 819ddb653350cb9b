package io.llmload.runner.cli;

import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.GroundTruth;
import io.llmload.runner.simulator.ScalingPolicy;
import io.llmload.runner.simulator.ServerTls;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import io.llmload.runner.simulator.TruthSummary;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.SimulatorAutoscalingChecks;
import io.llmload.runner.spec.SimulatorAutoscalingSpec;
import io.llmload.runner.spec.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmload simulate}: serves the vLLM-compatible simulator until stopped. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Serve the vLLM-compatible simulator (OpenAI API + /metrics) until Ctrl-C.")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Bind address (default ${DEFAULT-VALUE}; 0.0.0.0 inside a container).")
    String host;

    @Option(names = "--profile", defaultValue = "demo-8b-h100",
            description = "Performance profile: tiny or demo-8b-h100 (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--prefix-caching", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Simulate vLLM's automatic prefix caching (default on; --no-prefix-caching to compare).")
    boolean prefixCaching;

    @Option(names = "--model", defaultValue = SimulatorConfig.DEFAULT_MODEL, description = "Served model name.")
    String model;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
    long seed;

    @Option(names = "--rate-limit-rate", defaultValue = "0", description = "Fraction of requests answered 429.")
    double rateLimitRate;

    @Option(names = "--retry-after", defaultValue = "1", description = "Retry-After seconds on 429.")
    int retryAfter;

    @Option(names = "--server-error-rate", defaultValue = "0", description = "Fraction of requests answered 500.")
    double serverErrorRate;

    @Option(names = "--stall-rate", defaultValue = "0", description = "Fraction of streams that stall once.")
    double stallRate;

    @Option(names = "--stall-ms", defaultValue = "2000", description = "Stall length in ms.")
    long stallMillis;

    @Option(names = "--malformed-rate", defaultValue = "0", description = "Fraction of streams sent a malformed chunk.")
    double malformedRate;

    @Option(names = "--tokens-per-chunk", defaultValue = "1",
            description = "Tokens packed into each streamed chunk (default ${DEFAULT-VALUE}).")
    int tokensPerChunk;

    @Option(names = "--startup-delay", paramLabel = "DURATION",
            description = "Wait this long before listening, like vLLM loading a model (a Deployment's readiness probe "
                    + "on /health then sees the cold start), e.g. 30s.")
    String startupDelay;

    @ArgGroup(exclusive = false, heading = "%nAutoscaling mode (a pool of engines, see "
            + "docs/autoscaling.md):%n")
    Scaling scaling;

    /** The pool's settings, named like spec.target.simulator.autoscaling; --max-replicas switches the mode on. */
    static final class Scaling {
        @Option(names = "--max-replicas", required = true, description = "Most engines (turns autoscaling on).")
        Integer maxReplicas;

        @Option(names = "--min-replicas", description = "Fewest engines (default 1).")
        Integer minReplicas;

        @Option(names = "--scale-on", paramLabel = "METRIC",
                description = "kvCacheUsage (default) or requestsWaiting, averaged over Ready engines.")
        String metric;

        @Option(names = "--scale-target", description = "Target average per engine (default 0.5 for kvCacheUsage, "
                + "4 for requestsWaiting).")
        Double target;

        @Option(names = "--autoscaler-interval", paramLabel = "DURATION",
                description = "How often the autoscaler evaluates (default 1s).")
        String interval;

        @Option(names = "--decision-delay", paramLabel = "DURATION",
                description = "How long a higher recommendation must hold before scaling up (default 5s).")
        String decisionDelay;

        @Option(names = "--cold-start", paramLabel = "DURATION",
                description = "Decision to new engine Ready: the model load (default 15s).")
        String coldStart;

        @Option(names = "--scale-down-delay", paramLabel = "DURATION",
                description = "How long a lower recommendation must hold before scaling down (default 15s).")
        String scaleDownDelay;

        SimulatorAutoscalingSpec spec() {
            return new SimulatorAutoscalingSpec(minReplicas, maxReplicas, metric, target, interval, decisionDelay,
                    coldStart, scaleDownDelay);
        }
    }

    /** Each field of the spec by its option, for messages. */
    private static final Map<String, String> OPTIONS = Map.of("minReplicas", "--min-replicas", "maxReplicas",
            "--max-replicas", "metric", "--scale-on", "target", "--scale-target", "interval", "--autoscaler-interval",
            "decisionDelay", "--decision-delay", "coldStart", "--cold-start", "scaleDownDelay", "--scale-down-delay");

    @Option(names = "--truth-out", paramLabel = "FILE",
            description = "On exit, write the ground truth (streams, TTFT and inter-chunk gaps p50/p99 as the "
                    + "simulator wrote them) as JSON to FILE: the reference a benchmark holds clients against.")
    Path truthOut;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve https with this PEM certificate (with --tls-key).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    String tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "Require client certificates signed by this PEM CA (mutual TLS).")
    String tlsClientCa;

    @Override
    public Integer call() throws InterruptedException {
        if (!SimulatorProfile.names().contains(profile)) {
            throw new UserInputException("--profile: unknown profile '" + profile + "': use one of "
                    + String.join(", ", SimulatorProfile.names()));
        }
        double faultSum = rateLimitRate + serverErrorRate + stallRate + malformedRate;
        if (rateLimitRate < 0 || serverErrorRate < 0 || stallRate < 0 || malformedRate < 0 || faultSum > 1) {
            throw new UserInputException("fault rates must be between 0 and 1 and add up to at most 1");
        }
        if ((tlsCert == null) != (tlsKey == null) || tlsClientCa != null && tlsCert == null) {
            throw new UserInputException("--tls-cert and --tls-key go together (and --tls-client-ca needs them)");
        }
        if (tokensPerChunk < 1) {
            throw new UserInputException("--tokens-per-chunk: must be at least 1");
        }
        ScalingPolicy policy = null;
        if (scaling != null) {
            SimulatorAutoscalingSpec autoscaling = scaling.spec();
            List<Violation> problems = SimulatorAutoscalingChecks.check("", autoscaling);
            if (!problems.isEmpty()) {
                Violation v = problems.get(0);
                throw new UserInputException(OPTIONS.getOrDefault(v.path().substring(1), v.path()) + ": "
                        + v.message());
            }
            policy = EmbeddedSimulator.policy(autoscaling);
        }
        SimulatorConfig config = config(policy);
        if (startupDelay != null) {
            Duration delay = Durations.parse(startupDelay).orElseThrow(() -> new UserInputException(
                    "--startup-delay: '" + startupDelay + "' " + Durations.HINT));
            PrintWriter log = spec.commandLine().getOut();
            log.println("llmload simulator: loading the model (simulated) for " + Durations.format(delay));
            log.flush();
            Thread.sleep(delay.toMillis());
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(config, tls());
        } catch (IllegalStateException e) {
            throw new UserInputException(e.getMessage() + (tlsCert == null ? ""
                    : " (check --tls-cert, --tls-key and --tls-client-ca: PEM files)"));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("llmload simulator (profile " + profile + (prefixCaching ? "" : ", no prefix caching")
                + ", model " + model + (policy == null ? "" : ", " + policy.minReplicas() + "-" + policy.maxReplicas()
                        + " engines scaled on " + policy.metric().vllmName())
                + (tlsClientCa == null ? "" : ", client certificates required")
                + ") listening on " + simulator.baseUrl()
                + "  (OpenAI API under /v1, Prometheus metrics on /metrics)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            writeTruth(simulator);
            stopped.countDown();
        }, "llmload-simulator-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /** The server these options describe; it records its ground truth only when asked to write it. */
    SimulatorConfig config(ScalingPolicy policy) {
        return SimulatorConfig.defaults().withHost(host).withPort(port).withScaling(policy)
                .withProfile(SimulatorProfile.named(profile).withPrefixCaching(prefixCaching)).withSeed(seed)
                .withModelName(model).withTokensPerChunk(tokensPerChunk)
                .withFaults(new FaultInjection(rateLimitRate, retryAfter, serverErrorRate, stallRate, stallMillis,
                        malformedRate))
                .withGroundTruth(truthOut == null ? 0 : GroundTruth.DEFAULT_CAPACITY);
    }

    private void writeTruth(Simulator simulator) {
        if (truthOut == null) {
            return;
        }
        try {
            Files.writeString(truthOut, TruthSummary.json(simulator.groundTruth().all()));
        } catch (IOException e) {
            System.err.println("llmload simulate: cannot write --truth-out " + truthOut + ": " + e.getMessage());
        }
    }

    private ServerTls tls() {
        if (tlsCert == null) {
            return null;
        }
        for (String file : new String[] { tlsCert, tlsKey, tlsClientCa }) {
            if (file != null && !Files.isReadable(Path.of(file))) {
                throw new UserInputException("cannot read " + file + " (a PEM file for --tls-cert, --tls-key or "
                        + "--tls-client-ca)");
            }
        }
        return new ServerTls(tlsCert, tlsKey, tlsClientCa);
    }
}
