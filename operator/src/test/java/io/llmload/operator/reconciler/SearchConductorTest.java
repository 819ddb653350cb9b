package io.llmload.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.SearchProbeStatus;
import io.llmload.operator.api.v1alpha1.SearchStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.spec.GuardrailSpec;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.worker.ProbeCommand;
import io.llmload.runner.worker.ProbeState;
import io.llmload.runner.worker.WorkerPlan;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of a capacity search without runners: fake runners report each commanded probe done, the
 * merged cells of a probe have TTFT = 10 ms x level − 5 ms and the SLO is TTFT p95 ≤ 300 ms, so exactly the levels up
 * to 30 users hold. Checks the probe commands sent for these outcomes, that a new operator replaying status.search
 * sends the same next probe, and that a probe ended by a merged guardrail counts as failed while the search goes on.
 */
class SearchConductorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<RunnerPod> PODS = List.of(new RunnerPod(0, "r-0", "127.0.0.1", true, null, null),
            new RunnerPod(1, "r-1", "127.0.0.2", true, null, null));
    private static final RunPlan PLAN = RunPlan.of(plan());

    /** Runners that record every command and report the probes they were commanded as the test says. */
    private static final class FakeFleet extends RunnerFleet {
        final List<ProbeCommand> sent = new ArrayList<>();

        FakeFleet() {
            super(null, null, null);
        }

        @Override
        public List<String> probe(List<RunnerPod> pods, ProbeCommand command) {
            sent.add(command);
            return List.of();
        }
    }

    /** Guardrails that trip on the stages named, and count the fresh starts per probe. */
    private static final class FakeGuardrails extends MergedGuardrails {
        final Set<String> tripOn = new HashSet<>();
        String probeUnderWay;
        int forgotten;

        @Override
        public Optional<String> observe(LlmLoadTest test, GuardrailSpec spec, Instant startTime, Instant now,
                Map<Integer, RunData> byRunner) {
            return tripOn.contains(probeUnderWay) ? Optional.of("guardrail abortOnErrorRate: error rate 40% > 5% "
                    + "(all 2 runners merged)") : Optional.empty();
        }

        @Override
        public void forget(LlmLoadTest test) {
            forgotten++;
        }
    }

    /** One operator: its conductor, fleet and guardrails, acting on a status it saves after each poll. */
    private static final class Operator {
        final FakeFleet fleet = new FakeFleet();
        final FakeGuardrails guardrails = new FakeGuardrails();
        final SearchConductor conductor = new SearchConductor(config(), fleet, guardrails);
    }

    @Test
    void theProbeCommandsFollowTheOutcomesUntilTheBracketIsNarrowThenTheSearchFinishes() {
        Operator operator = new Operator();
        LlmLoadTest test = started(operator);

        List<Double> levels = runToTheEnd(operator, test);

        assertThat(levels).containsExactly(16.0, 32.0, 24.0, 28.0, 30.0, 31.0);
        assertThat(operator.fleet.sent).last().isEqualTo(ProbeCommand.finishSearch());
        SearchStatus search = test.getStatus().getSearch();
        assertThat(search.current()).isNull();
        assertThat(search.probes()).extracting(SearchProbeStatus::held)
                .containsExactly(true, false, true, true, true, false);
        assertThat(search.probes().get(1).limitMetric()).isEqualTo("TTFT p95");
        assertThat(search.probes()).extracting(SearchProbeStatus::phase)
                .containsExactly("grow", "grow", "bisect", "bisect", "bisect", "bisect");
        // Each probe is guarded on its own: a fresh window for every probe after the first.
        assertThat(operator.guardrails.forgotten).isEqualTo(5);
    }

    @Test
    void aRestartedOperatorReplaysTheRecordedProbesAndSendsTheSameNextProbe() {
        Operator first = new Operator();
        LlmLoadTest test = started(first);
        // Three probes judged (16 held, 32 failed, 24 held): probe-4 is commanded.
        for (int i = 0; i < 3; i++) {
            pollWithCurrentDone(first, test, null);
        }
        ProbeCommand fourth = first.fleet.sent.get(first.fleet.sent.size() - 1);
        assertThat(fourth.stage()).isEqualTo("probe-4");
        assertThat(fourth.level()).isEqualTo(28.0);

        // A new operator (nothing in memory) finds probe-4 under way; its runners do not report it (the command was
        // lost with the old operator): it sends the very same command again, same level, same start time.
        Operator second = new Operator();
        poll(second, test, Map.of(0, List.of(), 1, List.of()), null);
        assertThat(second.fleet.sent).containsExactly(fourth);

        // And it goes on exactly as the first would have.
        List<Double> rest = runToTheEnd(second, test);
        assertThat(rest).containsExactly(28.0, 30.0, 31.0);
        assertThat(test.getStatus().getSearch().probes()).extracting(SearchProbeStatus::level)
                .containsExactly(16.0, 32.0, 24.0, 28.0, 30.0, 31.0);
    }

    @Test
    void aProbeEndedByAMergedGuardrailFailsAndTheSearchGoesOnBelowIt() {
        Operator operator = new Operator();
        LlmLoadTest test = started(operator);
        pollWithCurrentDone(operator, test, null); // 16 held, probe-2 at 32 commanded

        // Probe 2 runs; the merged stream trips: the probe is aborted on every runner, the run goes on.
        operator.guardrails.tripOn.add("probe-2");
        operator.guardrails.probeUnderWay = "probe-2";
        SearchConductor.Turn turn = poll(operator, test, running(test), null);
        String reason = "guardrail abortOnErrorRate: error rate 40% > 5% (all 2 runners merged)";
        assertThat(operator.fleet.sent).last().isEqualTo(ProbeCommand.abort("probe-2", reason));
        assertThat(turn.event()).get().extracting(SearchConductor.Event::reason).isEqualTo("GuardrailTripped");
        assertThat(test.getStatus().getSearch().current().stage()).isEqualTo("probe-2");

        // The runners end probe 2 with that reason: failed, and the search bisects below it.
        pollWithCurrentDone(operator, test, reason);
        SearchProbeStatus judged = test.getStatus().getSearch().probes().get(1);
        assertThat(judged.held()).isFalse();
        assertThat(judged.limitMetric()).isEqualTo("aborted");
        assertThat(judged.limit()).isEqualTo(reason);
        ProbeCommand next = operator.fleet.sent.get(operator.fleet.sent.size() - 1);
        assertThat(next.stage()).isEqualTo("probe-3");
        assertThat(next.level()).isEqualTo(24.0);
    }

    /** The run started: status.search holds probe-1 under way, as RunStart writes it. */
    private static LlmLoadTest started(Operator operator) {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("s").withNamespace("ns").withUid("u1").build());
        StatusBuilder status = new StatusBuilder(test, Clock.fixed(T0, ZoneOffset.UTC));
        status.startTime(T0).phase(LlmLoadTestStatus.PHASE_RUNNING, "running")
                .search(SearchStatus.running(List.of(), operator.conductor.first(PLAN, T0)));
        test.setStatus(status.build());
        return test;
    }

    /** Polls until the search finished: every commanded probe reported done at once. */
    private static List<Double> runToTheEnd(Operator operator, LlmLoadTest test) {
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < 20 && test.getStatus().getSearch().current() != null; i++) {
            levels.add(test.getStatus().getSearch().current().level());
            pollWithCurrentDone(operator, test, null);
        }
        return levels;
    }

    /** Both runners report the probe under way done (aborted with this reason, or not). */
    private static SearchConductor.Turn pollWithCurrentDone(Operator operator, LlmLoadTest test, String abortReason) {
        SearchProbeStatus current = test.getStatus().getSearch().current();
        ProbeState done = new ProbeState(current.stage(), current.level(), current.level() / 2,
                Instant.parse(current.startTime()).toEpochMilli(), ProbeState.DONE, abortReason);
        return poll(operator, test, Map.of(0, List.of(done), 1, List.of(done)), merged(current));
    }

    /** Both runners report the probe under way running. */
    private static Map<Integer, List<ProbeState>> running(LlmLoadTest test) {
        SearchProbeStatus current = test.getStatus().getSearch().current();
        ProbeState state = new ProbeState(current.stage(), current.level(), current.level() / 2,
                Instant.parse(current.startTime()).toEpochMilli(), ProbeState.RUNNING, null);
        return Map.of(0, List.of(state), 1, List.of(state));
    }

    /** One poll, and the status saved as the reconciler would. */
    private static SearchConductor.Turn poll(Operator operator, LlmLoadTest test,
            Map<Integer, List<ProbeState>> probes, RunData merged) {
        StatusBuilder status = new StatusBuilder(test, Clock.fixed(T0, ZoneOffset.UTC));
        RunData data = merged != null ? merged : merged(test.getStatus().getSearch().current());
        Map<Integer, RunData> byRunner = new LinkedHashMap<>(Map.of(0, data, 1, data));
        RunnerFleet.Snapshot snapshot = new RunnerFleet.Snapshot(Optional.of(data), List.of(), 0, 0, Map.of(),
                Optional.empty(), byRunner, probes);
        SearchConductor.Turn turn = operator.conductor.poll(test, PLAN, PODS, status, snapshot, T0,
                T0.plusSeconds(60));
        test.setStatus(status.build());
        turn.afterSave().run();
        return turn;
    }

    /** The merged cells of a probe: 10 requests with TTFT = 10 ms x level − 5 ms, and a slow warmup request. */
    private static RunData merged(SearchProbeStatus probe) {
        CellStats warm = new CellStats();
        warm.record(trace(5_000));
        CellStats cell = new CellStats();
        for (int i = 0; i < 10; i++) {
            cell.record(trace(10 * probe.level() - 5));
        }
        String warmup = probe.stage() + "-warmup";
        return new RunData("s", T0.toString(), T0.plusSeconds(20).toString(), "closed", "users", "http://x", "m", 2,
                List.of(new StageInfo(warmup, probe.level(), 5, true),
                        new StageInfo(probe.stage(), probe.level(), 10, false)),
                List.of("chat"), List.of(warm.toData(warmup, "chat"), cell.toData(probe.stage(), "chat")),
                List.of(), false, null);
    }

    private static RequestTrace trace(double ttftMs) {
        long t0 = 1_000_000_000L;
        RequestTrace t = new RequestTrace("r", 0, t0, true, 10);
        t.sent(t0);
        long first = t0 + Math.round(ttftMs * 1_000_000);
        t.content(first, 1);
        t.content(first + 10_000_000, 1);
        t.succeeded(first + 20_000_000);
        return t;
    }

    private static WorkerPlan plan() {
        try {
            return new WorkerPlan("s", "ns", 2, "http://vllm:8000", "m", ManifestReader.parse(
                    "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: s}\nspec:\n"
                            + "  target: {url: 'http://vllm:8000', model: m}\n"
                            + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                            + "  load: {model: closed, warmup: 5s, shape: {type: search, from: 16, duration: 10s, "
                            + "maxProbes: 20}}\n"
                            + "  slo: {ttft: {p95: 300ms}}\n").spec(), 1, 8080);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operator's configuration: a 300 ms start lead is all the conductor reads. */
    private static OperatorConfig config() {
        return (OperatorConfig) Proxy.newProxyInstance(OperatorConfig.class.getClassLoader(),
                new Class<?>[] {OperatorConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "startLead" -> Duration.ofMillis(300);
                    case "toString" -> "config";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
