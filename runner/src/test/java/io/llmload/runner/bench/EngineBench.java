package io.llmload.runner.bench;

import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.metrics.MetricsEndpoint;
import io.llmload.runner.engine.LoadEngine;
import io.llmload.runner.engine.Target;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.EngineData;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The engine's own performance (bench/engine.sh runs it; results in docs/benchmarks.md). The simulator runs in a
 * child JVM ({@link BenchSimulator}) so that the engine's process is measured alone, and answers with the ground
 * truth of exactly the requests the engine measured.
 *
 * <ul>
 * <li>{@code open-RATE}: open model, constant arrivals at RATE req/s, 20 s warmup + 20 s measured; 64-token prompts,
 * against a canned 16-token vLLM-style stream answered at once (the server must not be what is measured). Rate
 * actually sent, send-lag p99, event-loop lag p99. {@code sim-open-RATE}: the same against the simulator (10 ms
 * decode steps, no batch limit), which shares the machine's CPU with the engine.</li>
 * <li>{@code streams-N}: closed model, N users ramped up in 15 s, then held 30 s (measured); 100-token streams at
 * 200 ms steps, so every user streams all the time. Client ITL p50 against the server's, event-loop lag p99.
 * {@code streams-N-spread}: the same against {@link SpreadStreamServer}, whose streams are each paced on their own
 * phase instead of the simulator's synchronized decode steps.</li>
 * </ul>
 *
 * <p>For the measured stage alone, also: chunks read and the engine's CPU per chunk, and each chunk's delivery delay
 * (the engine's timestamp minus the server's write time; both JVMs read the same monotonic clock), which is the error
 * the event-loop lag stands in for.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        for (String scenario : args) {
            System.out.println(run(scenario));
        }
        System.exit(0);
    }

    static String run(String scenario) throws Exception {
        // sim-open-RATE: the open model against the simulator (10 ms steps) instead of the canned stream.
        boolean simulated = scenario.startsWith("sim-");
        boolean open = scenario.startsWith("open-") || scenario.startsWith("sim-open-");
        // streams-N-spread: every stream on its own phase (SpreadStreamServer) instead of synchronized decode steps.
        boolean spread = scenario.endsWith("-spread");
        String[] parts = scenario.split("-");
        int level = Integer.parseInt(parts[spread ? parts.length - 2 : parts.length - 1]);
        // -Dllmload.bench.hold=SECONDS: a shorter measured stage while iterating (the standard is 30 s).
        int holdSeconds = Integer.getInteger("llmload.bench.hold", 30);
        // -Dllmload.bench.warmup=SECONDS: the open scenarios' warmup. 20 s, because the JIT compiles the hot paths
        // for 10-15 s: with 5 s, on one core, its compiler threads took the CPU from the loops into the measured stage.
        int warmupSeconds = Integer.getInteger("llmload.bench.warmup", 20);
        String loadBefore = loadAverage();
        Process child = startServer(open && !simulated ? "canned" : open ? "10000" : spread ? "spread-200000"
                : "200000");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("PORTS ")) {
                line = out.readLine();
            }
            String[] ports = line.split(" ");
            String base = "http://127.0.0.1:" + ports[1];
            String load = open
                    ? "{model: open, arrival: constant, warmup: " + warmupSeconds
                            + "s, stages: [{name: measured, duration: 20s, rate: " + level + "}]}"
                    : "{model: closed, stages: [{name: ramp, duration: 15s, users: " + level
                            + ", ramp: true}, {name: measured, duration: " + holdSeconds + "s, users: " + level + "}]}";
            String type = "{name: chat, api: chat, prompt: {inputTokens: {value: 64}}, output: {maxTokens: {value: "
                    + (open ? 16 : 100) + "}}}";
            LlmLoadTest test = ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                    + "metadata: {name: bench}\nspec:\n  workload:\n    mix:\n      - " + type + "\n  load: " + load
                    + "\n");
            LoadPlan plan = warmupRamp(PlanResolver.resolve(test.spec().load(), 1.0));
            // One connection per user, stated (the engine before issue 13 capped its default at 4096).
            var spec = new io.llmload.runner.spec.TargetSpec(null, null, null, null, null, null,
                    open ? null : level + 4, null, null);
            Target target = Target.resolve(URI.create(base), "llmload-sim", null, spec, plan);
            long measuredFromOffset = plan.stages().stream().filter(s -> s.name().equals("measured")).findFirst()
                    .orElseThrow().startNanos();
            // Only what the figures need is kept (not the traces: holding 40,000 of them would load the GC the
            // engine is measured under); the streams scenario keeps each stream's chunk times for the truth.
            long measuredEnd = plan.stages().stream().filter(st -> st.name().equals("measured")).findFirst()
                    .orElseThrow().endNanos();
            long engineStart = System.nanoTime();
            Seen seen = new Seen(!open, engineStart + measuredFromOffset, engineStart + measuredEnd);
            EngineConfig config = EngineConfig.of("bench", plan, test.spec().workload(), target, 7)
                    .withTraceListener(seen::add);
            // -Dllmload.bench.live-metrics=true: also record into Prometheus meters, as a runner serving /metrics does.
            if (Boolean.getBoolean("llmload.bench.live-metrics")) {
                config = config.withLiveMetrics(new MetricsEndpoint().liveMetrics("bench"));
            }
            Duration cpuBefore = cpu(ProcessHandle.current());
            Duration childCpuBefore = cpu(child.toHandle());
            // The engine's CPU during the measured stage alone (no ramp, no JIT warm-up): divided by the chunks read
            // in that time, it is what one chunk costs the engine.
            Duration[] stageCpu = new Duration[2];
            Thread stageClock = new Thread(() -> {
                try {
                    sleepUntil(engineStart + measuredFromOffset);
                    stageCpu[0] = cpu(ProcessHandle.current());
                    sleepUntil(engineStart + measuredEnd);
                    stageCpu[1] = cpu(ProcessHandle.current());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-stage-cpu");
            stageClock.setDaemon(true);
            stageClock.start();
            RunData data = new LoadEngine(config).run();
            stageClock.join(5_000);
            Duration cpu = cpu(ProcessHandle.current()).minus(cpuBefore);
            Duration childCpu = cpu(child.toHandle()).minus(childCpuBefore);
            Report report = ReportBuilder.build(data, null);
            Aggregate measured = report.stages().stream().filter(s -> s.name().equals("measured")).findFirst()
                    .orElseThrow();

            // The engine's start is not visible here: the first intended time of the run is at most a few ms later.
            long start = seen.firstIntended;
            Histogram clientItl = Histograms.create();
            // Each measured stream's id and chunk arrival times: the server answers with its own record of them, and
            // with each chunk's delivery delay (client read time - server write time: both JVMs read the same
            // CLOCK_MONOTONIC through System.nanoTime), which is how late the engine timestamped what it read.
            StringBuilder ids = new StringBuilder();
            for (Seen.Stream stream : seen.streams) {
                if (stream.intended() - start >= measuredFromOffset) {
                    for (int i = 1; i < stream.chunkNanos().length; i++) {
                        Histograms.recordNanos(clientItl, stream.chunkNanos()[i] - stream.chunkNanos()[i - 1]);
                    }
                    ids.append(stream.id());
                    for (long nanos : stream.chunkNanos()) {
                        ids.append(' ').append(nanos);
                    }
                    ids.append('\n');
                }
            }
            seen.streams.clear();
            String[] truth = truth("http://127.0.0.1:" + ports[2], ids.toString());
            ids = null;
            Histogram serverItl = Histograms.decode(truth[1]);
            Histogram serverTtft = Histograms.decode(truth[2]);
            Histogram delivery = Histograms.decode(truth[3]);
            double stageCpuSeconds = stageCpu[1] == null ? Double.NaN
                    : stageCpu[1].minus(stageCpu[0]).toMillis() / 1000.0;
            Histogram lag = data.engine().lag();
            long requests = seen.count;
            // What was really sent in the measured stage's time, by send time (the report counts by intended time,
            // which for the open model is the plan itself).
            long sentInStage = 0;
            for (int i = 0; i < seen.count; i++) {
                long sent = seen.sendNanos[i];
                if (sent != 0 && sent - start >= measuredFromOffset && sent - start < measuredEnd) {
                    sentInStage++;
                }
            }
            double sentRate = sentInStage / ((measuredEnd - measuredFromOffset) / 1e9);
            return String.format(Locale.ROOT,
                    "%s (load average before %s, after %s): requests %d (errors %d, interrupted %d), sent %.1f req/s of %d"
                            + " (%.2f%%), send lag p50 %.2f p99 %.2f max %.2f ms | ITL p50 client %.3f server %.3f ms"
                            + " (%d requests matched) | TTFT p50 client %.2f server %.2f, p99 client %.2f ms | engine"
                            + " CPU %.1f s (%.0f requests per CPU-second), simulator CPU %.1f s | event loops %d, lag"
                            + " p50 %.2f p99 %.2f max %.2f ms %s | measured"
                            + " stage: %d chunks read, engine CPU %.1f s (%.2f"
                            + " µs a chunk), chunk delivery (server write -> engine timestamp) p50 %.2f p99 %.2f max"
                            + " %.2f ms (%d chunks)",
                    scenario, loadBefore, loadAverage(), measured.requests(), measured.errors().total(), measured.interrupted(),
                    sentRate, open ? level : 0, open ? 100.0 * sentRate / level : 0.0,
                    ms(measured.sendLagMs(), 50), ms(measured.sendLagMs(), 99), ms(measured.sendLagMs(), 100),
                    clientItl.getValueAtPercentile(50) / 1000.0, serverItl.getValueAtPercentile(50) / 1000.0,
                    Integer.parseInt(truth[0]), ms(measured.ttftMs(), 50), serverTtft.getValueAtPercentile(50) / 1000.0,
                    ms(measured.ttftMs(), 99), cpu.toMillis() / 1000.0, requests / (cpu.toMillis() / 1000.0),
                    childCpu.toMillis() / 1000.0, data.engine().eventLoops(), lag.getValueAtPercentile(50) / 1000.0,
                    lag.getValueAtPercentile(99) / 1000.0, lag.getMaxValue() / 1000.0,
                    lagByKind(data.engine()), seen.chunksInStage,
                    stageCpuSeconds, stageCpuSeconds * 1e6 / Math.max(1, seen.chunksInStage),
                    delivery.getValueAtPercentile(50) / 1000.0, delivery.getValueAtPercentile(99) / 1000.0,
                    delivery.getMaxValue() / 1000.0, delivery.getTotalCount());
        } finally {
            child.getOutputStream().close();
            child.waitFor();
        }
    }

    /** What the benchmark keeps of each finished request; fed on the engine's control loop, read after the run. */
    private static final class Seen {
        record Stream(String id, long intended, long[] chunkNanos) {
        }

        final boolean keepStreams;
        final long stageFrom;
        final long stageTo;
        final List<Stream> streams = new java.util.ArrayList<>();
        /** Chunks read during the measured stage, of every request (cut ones too). */
        long chunksInStage;
        long[] sendNanos = new long[1 << 16];
        int count;
        long firstIntended = Long.MAX_VALUE;

        Seen(boolean keepStreams, long stageFrom, long stageTo) {
            this.keepStreams = keepStreams;
            this.stageFrom = stageFrom;
            this.stageTo = stageTo;
        }

        void add(RequestTrace trace) {
            if (count == sendNanos.length) {
                sendNanos = java.util.Arrays.copyOf(sendNanos, count * 2);
            }
            sendNanos[count++] = trace.sendNanos();
            firstIntended = Math.min(firstIntended, trace.intendedNanos());
            for (int i = 0; i < trace.chunks(); i++) {
                long nanos = trace.chunkNanos(i);
                if (nanos >= stageFrom && nanos < stageTo) {
                    chunksInStage++;
                }
            }
            if (keepStreams && trace.error() == null && !trace.interrupted() && trace.chunks() > 1) {
                long[] chunks = new long[trace.chunks()];
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = trace.chunkNanos(i);
                }
                streams.add(new Stream(trace.requestId(), trace.intendedNanos(), chunks));
            }
        }
    }

    private static double ms(io.llmload.runner.report.Percentiles p, int at) {
        if (p == null) {
            return Double.NaN;
        }
        return at == 50 ? p.p50() : at == 99 ? p.p99() : p.max();
    }

    /**
     * The streams scenarios' ramp counts as warmup: the event-loop lag is then the measured stage's alone, with every
     * stream open (opening 10,000 connections and the JIT's first compilations are not what the figure is about).
     * Nothing else changes: the figures below are taken from the measured stage anyway.
     */
    private static LoadPlan warmupRamp(LoadPlan plan) {
        List<PlannedStage> stages = plan.stages().stream()
                .map(s -> s.name().equals("ramp") ? new PlannedStage(s.index(), s.name(), s.startNanos(),
                        s.durationNanos(), s.fromLevel(), s.toLevel(), true) : s)
                .toList();
        return new LoadPlan(plan.model(), plan.arrival(), stages, plan.thinkTime(), plan.gracefulStop());
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** The 1-minute load average. */
    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Process startServer(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>();
        // bench/engine.sh pins the server to its own core (e.g. "taskset -c 0"), the engine's JVM to another.
        String pin = System.getenv("BENCH_SERVER_PIN");
        if (pin != null && !pin.isBlank()) {
            command.addAll(List.of(pin.trim().split("\\s+")));
        }
        command.addAll(List.of(java, "-Xmx2g"));
        String options = System.getenv("BENCH_SIM_JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchSimulator.class.getName(), mode));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String[] truth(String url, String ids) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(ids)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().split("\n", 4);
    }

    /** The control loop's and the I/O loops' lag p99, or that one loop did both (one processor). */
    private static String lagByKind(EngineData engine) {
        return engine.controlLag() == null ? "(one loop for control and I/O)"
                : String.format(Locale.ROOT, "(p99 control loop %.2f, I/O loops %.2f ms)",
                        engine.controlLag().getValueAtPercentile(99) / 1000.0,
                        engine.ioLag().getValueAtPercentile(99) / 1000.0);
    }
}
