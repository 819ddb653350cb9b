package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RegressionStatus;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.runner.cli.Main;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec.trigger, history and regression on the mock API with real in-process runners: the test plays the Deployment
 * controller (rollouts) and the clock (schedule ticks); every run's Job gets real runners against the simulator.
 */
@QuarkusTest
@TestProfile(GitOpsProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorGitOpsTest {

    /**
     * The server of the regression test: the tiny profile slowed to 100 ms decode steps. A loaded machine wakes the
     * simulator's step timer late by a few ms, which moved 30 ms steps by ±12 % between two runs; against 100 ms it is
     * a few %, well inside the margin between the rollout's 20 % and the limit's 10 %.
     */
    private static final SimulatorProfile BEFORE_ROLLOUT = SimulatorProfile.tiny().slowerBy(50);
    private static final SimulatorProfile AFTER_ROLLOUT = SimulatorProfile.tiny().slowerBy(50 * 1.2);

    @Inject
    KubernetesClient client;

    @Inject
    FakeClock clock;

    private Simulator simulator;
    private FakeCluster cluster;
    private Rollouts rollouts;
    private String ns;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "");
        ns = "gitops-" + method.substring(0, Math.min(20, method.length()));
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, ns);
        rollouts = new Rollouts(client, ns);
    }

    @AfterEach
    void stop() {
        clock.set(null);
        cluster.close();
        simulator.close();
    }

    @Test
    void aCompletedRolloutGivesExactlyOneRunOfTheNewRevisionAndAnIncompleteOneNone() {
        rollouts.create("vllm", "vllm/vllm-openai:v0.6.3");
        create("follow", "  trigger: {onRollout: {apiVersion: apps/v1, kind: Deployment, name: vllm, settle: 0s}}\n");
        runNextJob("follow", 1);
        assertThat(history("follow").get(0).trigger()).isEqualTo(RunRecord.TRIGGER_CREATED);
        assertThat(history("follow").get(0).revision().containers().get(0).image())
                .isEqualTo("vllm/vllm-openai:v0.6.3");

        rollouts.startRollout("vllm", "vllm/vllm-openai:v0.7.0");
        // The operator saw the rollout and waits for it to complete: no run.
        awaitTrigger("follow", t -> TriggerStatus.ROLLOUT_IN_PROGRESS.equals(t.state()));
        assertThat(status("follow").getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        assertThat(history("follow")).hasSize(1);

        rollouts.complete("vllm");
        runNextJob("follow", 2);
        RunRecord run = history("follow").get(0);
        assertThat(run.trigger()).isEqualTo(RunRecord.TRIGGER_ROLLOUT);
        assertThat(run.revision().containers().get(0).image()).isEqualTo("vllm/vllm-openai:v0.7.0");
        assertThat(run.revision().changes())
                .containsExactly("image vllm: vllm/vllm-openai:v0.6.3 -> vllm/vllm-openai:v0.7.0");
        assertThat(run.reason()).startsWith("Deployment vllm rolled out revision");
        // Once run, the revision is accounted for: the operator goes back to waiting, no second run.
        awaitTrigger("follow", t -> TriggerStatus.WAITING.equals(t.state()) && t.message().contains("at revision"));
        assertThat(history("follow")).hasSize(2);
        assertThat(status("follow").getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
    }

    @Test
    void twoQuickRolloutsGiveOneRunOfTheLast() {
        rollouts.create("vllm", "v1");
        create("quick", "  trigger: {onRollout: {apiVersion: apps/v1, kind: Deployment, name: vllm, settle: 3s}}\n");
        runNextJob("quick", 1);

        rollouts.startRollout("vllm", "v2");
        rollouts.complete("vllm");
        awaitTrigger("quick", t -> TriggerStatus.SETTLING.equals(t.state()));
        rollouts.startRollout("vllm", "v3");
        rollouts.complete("vllm");
        runNextJob("quick", 2);
        assertThat(history("quick").get(0).revision().containers().get(0).image()).isEqualTo("v3");
        awaitTrigger("quick", t -> TriggerStatus.WAITING.equals(t.state()) && t.message().contains("at revision"));
        assertThat(history("quick")).hasSize(2);
    }

    @Test
    void aRolloutDuringARunLetsItFinishAndQueuesOneMore() {
        rollouts.create("vllm", "v1");
        create("midrun", "  trigger: {onRollout: {apiVersion: apps/v1, kind: Deployment, name: vllm, settle: 0s}}\n");
        Job first = cluster.awaitJob("midrun-runners");
        started.add(first.getMetadata().getUid());
        cluster.runPods(first, cluster.plan("midrun-plan"));
        await().atMost(Duration.ofSeconds(30)).until(() -> LlmLoadTestStatus.PHASE_RUNNING.equals(status("midrun")
                .getPhase()));
        rollouts.startRollout("vllm", "v2");
        rollouts.complete("vllm");
        awaitTrigger("midrun", t -> TriggerStatus.QUEUED.equals(t.state()));

        // The run ends and the queued one starts at once (its runners are left for runNextJob to start).
        await().atMost(Duration.ofSeconds(60)).until(() -> history("midrun").size() == 1);
        assertThat(history("midrun").get(0).spannedRollout()).isTrue();
        assertThat(history("midrun").get(0).phase()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        runNextJob("midrun", 2);
        assertThat(history("midrun").get(0).trigger()).isEqualTo(RunRecord.TRIGGER_ROLLOUT);
        assertThat(history("midrun").get(0).revision().containers().get(0).image()).isEqualTo("v2");
    }

    @Test
    void aStatefulSetRolloutIsFollowedLikeADeployments() {
        StatefulSet tgi = Serialization.unmarshal(
                OperatorGitOpsTest.class.getResourceAsStream("/workloads/statefulset-complete.yaml"), StatefulSet.class);
        tgi.getMetadata().setNamespace(ns);
        StatefulSet created = client.resource(tgi).create();
        created.setStatus(tgi.getStatus());
        created.getStatus().setObservedGeneration(created.getMetadata().getGeneration());
        client.resource(created).updateStatus();
        create("tgi-follow", "  trigger: {onRollout: {apiVersion: apps/v1, kind: StatefulSet, name: tgi, settle: 0s}}\n");
        runNextJob("tgi-follow", 1);

        // The StatefulSet controller's rolling update: a new template, then every pod at the new revision.
        StatefulSet edited = client.apps().statefulSets().inNamespace(ns).withName("tgi").edit(x -> {
            x.getSpec().getTemplate().getSpec().getContainers().get(0)
                    .setImage("ghcr.io/huggingface/text-generation-inference:3.1.0");
            return x;
        });
        edited.getStatus().setObservedGeneration(edited.getMetadata().getGeneration());
        edited.getStatus().setUpdateRevision("tgi-7f8e9d0c1");
        edited.getStatus().setCurrentRevision("tgi-7f8e9d0c1");
        client.resource(edited).updateStatus();
        runNextJob("tgi-follow", 2);

        RunRecord run = history("tgi-follow").get(0);
        assertThat(run.trigger()).isEqualTo(RunRecord.TRIGGER_ROLLOUT);
        assertThat(run.revision().containers().get(0).image())
                .isEqualTo("ghcr.io/huggingface/text-generation-inference:3.1.0");
        assertThat(run.revision().changes()).contains("image tgi: ghcr.io/huggingface/text-generation-inference:3.0.1"
                + " -> ghcr.io/huggingface/text-generation-inference:3.1.0");
    }

    @Test
    void followingAKindWhoseCrdIsNotInstalledIsAnInvalidSpecNotACrash() {
        create("kserve", "  trigger: {onRollout: {apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, "
                + "name: llama, settle: 0s}}\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> "Failed".equals(status("kserve").getPhase()));
        LlmLoadTestStatus status = status("kserve");
        assertThat(status.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Valid");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).isEqualTo("spec.trigger.onRollout: InferenceService (serving.kserve.io/v1beta1)"
                    + " is not installed in this cluster: its CRD inferenceservices.serving.kserve.io is missing"
                    + " (install it, or follow another kind)");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("kserve"))
                .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())));
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName("kserve-runners").get()).isNull();
    }

    @Test
    void aCronTickStartsARunAndATickDuringARunIsSkippedWithAnEvent() {
        clock.set(Instant.parse("2026-01-11T02:59:30Z"));
        create("nightly", "  trigger: {schedule: \"0 3 * * *\", onCreate: false}\n");
        awaitTrigger("nightly", t -> "2026-01-11T03:00:00Z".equals(t.nextScheduledRun()));
        assertThat(status("nightly").getPhase()).isNotEqualTo(LlmLoadTestStatus.PHASE_RUNNING);
        assertThat(history("nightly")).isEmpty();

        clock.set(Instant.parse("2026-01-11T03:00:01Z"));
        poke("nightly");
        Job job = cluster.awaitJob("nightly-runners");
        cluster.runPods(job, cluster.plan("nightly-plan"));
        await().atMost(Duration.ofSeconds(30)).until(() -> LlmLoadTestStatus.PHASE_RUNNING.equals(status("nightly")
                .getPhase()));
        // The next night's tick comes while this run is still on: skipped, not queued.
        clock.set(Instant.parse("2026-01-12T03:00:01Z"));
        poke("nightly");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("nightly"))
                .anyMatch(e -> "ScheduleSkipped".equals(e.getReason())));
        awaitHistory("nightly", 1);
        assertThat(history("nightly").get(0).trigger()).isEqualTo(RunRecord.TRIGGER_SCHEDULE);
        assertThat(history("nightly").get(0).reason()).isEqualTo("schedule tick 2026-01-11T03:00:00Z");
        assertThat(status("nightly").getTrigger().nextScheduledRun()).isEqualTo("2026-01-13T03:00:00Z");
    }

    @Test
    void theHistoryIsPrunedAtItsLimitTogetherWithItsReports(@TempDir Path dir) throws Exception {
        create("pruned", "  history: {limit: 2}\n  report: {retainAfterDelete: true}\n");
        runNextJob("pruned", 1);
        String first = history("pruned").get(0).id();
        assertThat(history("pruned").get(0).trigger()).isEqualTo(RunRecord.TRIGGER_CREATED);
        for (int run = 2; run <= 3; run++) {
            rerun("pruned", "r" + run);
            runNextJob("pruned", Math.min(run, 2));
        }
        List<RunRecord> history = history("pruned");
        assertThat(history).hasSize(2);
        assertThat(history).extracting(RunRecord::id).doesNotContain(first);
        assertThat(history).extracting(RunRecord::trigger).containsExactly(RunRecord.TRIGGER_RERUN,
                RunRecord.TRIGGER_RERUN);
        List<String> kept = history.stream().map(RunRecord::reportConfigMap).toList();
        assertThat(kept).containsExactly("pruned-run-" + history.get(0).id(), "pruned-run-" + history.get(1).id());
        assertThat(status("pruned").getReportRef()).isEqualTo(kept.get(0));
        // The first run's report went with it; the kept ones outlive the test (no owner), labelled for cleanup.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.configMaps().inNamespace(ns)
                .withLabel("llmload.io/test", "pruned").withLabel("llmload.io/run").list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(kept));
        for (String name : kept) {
            ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
            assertThat(cm.getMetadata().getOwnerReferences()).isEmpty();
            assertThat(cm.getMetadata().getLabels()).containsEntry("llmload.io/retained", "true");
        }

        // llmload report --cluster NAME --run ID renders the per-run report as a local render of the same results.
        String older = history.get(1).id();
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: me, user: {token: not-a-secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: me, namespace: %s}}]
                current-context: mock
                """.formatted(client.getMasterUrl(), ns));
        String previous = System.setProperty("kubeconfig", kubeconfig.toString());
        int exit;
        java.io.StringWriter err = new java.io.StringWriter();
        try {
            exit = Main.commandLine().setErr(new java.io.PrintWriter(err)).execute("report", "--cluster", ns + "/pruned",
                    "--run", older, "--out", dir.resolve("fetched").toString());
        } finally {
            if (previous == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", previous);
            }
        }
        assertThat(exit).as(err.toString()).isIn(0, 1);
        Report stored = ReportConfigMap.read(client.configMaps().inNamespace(ns).withName("pruned-run-" + older)
                .get());
        ReportFiles.writeAll(stored, dir.resolve("local"));
        assertThat(Files.readString(dir.resolve("fetched").resolve("report.html")))
                .isEqualTo(Files.readString(dir.resolve("local").resolve("report.html")));
        assertThat(stored.verdict()).isEqualTo(history.get(1).verdict());
    }

    @Test
    void aSlowerServerAfterARolloutIsABreachByRegressionWithTheDeltas() {
        restartSimulator(BEFORE_ROLLOUT);
        rollouts.create("vllm", "v1");
        // TPOT p95 (each request's mean gap over 15 gaps) follows the decode step with little noise; ITL p95 (single
        // gaps) and throughput are judged too, as a user would set them.
        create("regress", "  trigger: {onRollout: {apiVersion: apps/v1, kind: Deployment, name: vllm, settle: 0s}}\n"
                + "  regression: {limits: {tpotP95: \"+10%\", itlP95: \"+10%\", outputTokensPerSecond: \"-5%\"}}\n");
        runNextJob("regress", 1);
        assertThat(status("regress").getVerdict()).isNotEqualTo("Breach");
        assertThat(status("regress").getRegression().outcome()).isEqualTo("InsufficientHistory");
        // The first run of a fresh operator carries the JVM's warm-up (several times slower): a second run on the
        // same server is the baseline the rollout is judged against (the previous passing run).
        rerun("regress", "warm");
        runNextJob("regress", 2);

        // The rollout replaces the server behind the same address by one 20 % slower.
        restartSimulator(AFTER_ROLLOUT);
        rollouts.startRollout("vllm", "v2");
        rollouts.complete("vllm");
        runNextJob("regress", 3);

        LlmLoadTestStatus status = status("regress");
        assertThat(status.getVerdict()).as("%s; history %s", status.getRegression(), status.getHistory())
                .isEqualTo("Breach");
        RegressionStatus regression = status.getRegression();
        assertThat(regression.outcome()).isEqualTo("Regressed");
        // The baseline is the latest earlier run that passed (the warm one, unless noise made it regress itself).
        assertThat(regression.baselineRuns()).hasSize(1);
        RunRecord base = status.getHistory().stream().filter(r -> r.id().equals(regression.baselineRuns().get(0)))
                .findFirst().orElseThrow();
        assertThat(base.passed()).isTrue();
        assertThat(status.getHistory().subList(1, status.getHistory().indexOf(base))).noneMatch(RunRecord::passed);
        Map<String, Double> before = base.figures();
        Map<String, Double> after = status.getHistory().get(0).figures();
        for (RegressionStatus.Row row : regression.deltas()) {
            assertThat(row.baseline()).isEqualTo(before.get(row.metric()));
            assertThat(row.observed()).isEqualTo(after.get(row.metric()));
        }
        // Each row's verdict is its change against its limit (the figures are the two runs' recorded ones), and what
        // crossed a limit is a Breach row of the status.
        assertThat(regression.deltas()).extracting(RegressionStatus.Row::metric)
                .containsExactlyInAnyOrder("tpotP95", "itlP95", "outputTokensPerSecond");
        for (RegressionStatus.Row row : regression.deltas()) {
            double change = (row.observed() - row.baseline()) / row.baseline() * 100;
            boolean crossed = row.metric().equals("outputTokensPerSecond") ? change <= -5 : change >= 10;
            assertThat(row.regressed()).as(row.metric() + " " + change + "%").isEqualTo(crossed);
            if (crossed) {
                assertThat(status.getSlo()).anySatisfy(slo -> {
                    assertThat(slo.metric()).isEqualTo("regression " + row.metric());
                    assertThat(slo.met()).isFalse();
                });
            }
        }
        // The step grew by 20 %; what the machine adds to every gap (the same on both sides) only narrows that.
        RegressionStatus.Row tpot = regression.deltas().stream().filter(r -> r.metric().equals("tpotP95"))
                .findFirst().orElseThrow();
        assertThat((tpot.observed() - tpot.baseline()) / tpot.baseline() * 100).as("TPOT p95 change, %s", tpot)
                .isBetween(10.0, 45.0);
        assertThat(tpot.regressed()).isTrue();
        assertThat(status.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Regressed");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(events("regress")).anyMatch(e -> "Regressed".equals(e.getReason())
                && "Warning".equals(e.getType()));
    }

    /** A new server behind the same address, as a rollout replaces the pods behind a Service. */
    private void restartSimulator(SimulatorProfile profile) {
        int port = simulator.port();
        simulator.close();
        simulator = Simulator.start(SimulatorConfig.defaults().withPort(port).withProfile(profile));
    }

    private void create(String name, String gitOps) {
        LlmLoadTest test = Manifests.chatTest(name, ns, simulator.baseUrl(), 1, gitOps);
        client.resource(test).create();
    }

    /**
     * Plays the Job controller and kubelet for the test's next run (a Job not run before), then waits until that run
     * is the latest in a history of {@code historySize} runs.
     */
    private void runNextJob(String name, int historySize) {
        Job job = await().atMost(Duration.ofSeconds(60)).until(() -> client.batch().v1().jobs().inNamespace(ns)
                .withName(name + "-runners").get(), j -> j != null && !started.contains(j.getMetadata().getUid()));
        started.add(job.getMetadata().getUid());
        List<String> before = history(name).stream().map(RunRecord::id).toList();
        cluster.runPods(job, cluster.plan(name + "-plan"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            LlmLoadTestStatus s = status(name);
            return LlmLoadTestStatus.isFinished(s.getPhase()) && s.getHistory() != null
                    && s.getHistory().size() == historySize && !before.contains(s.getHistory().get(0).id());
        });
    }

    private final Set<String> started = ConcurrentHashMap.newKeySet();

    private void awaitHistory(String name, int size) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status(name).getHistory() != null
                && status(name).getHistory().size() == size
                && LlmLoadTestStatus.isFinished(status(name).getPhase()));
    }

    private void awaitTrigger(String name, Predicate<TriggerStatus> state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(name).getTrigger() != null
                && state.test(status(name).getTrigger()));
    }

    private void rerun(String name, String token) {
        annotate(name, "llmload.io/rerun", token);
    }

    /**
     * Any event on the test makes the operator look at it: after moving the clock, the way a test stands in for the
     * timer the operator set by the real clock.
     */
    private void poke(String name) {
        annotate(name, "test.llmload.io/poke", Long.toString(System.nanoTime()));
    }

    private void annotate(String name, String key, String value) {
        client.resources(LlmLoadTest.class).inNamespace(ns).withName(name).edit(t -> {
            Map<String, String> annotations = new java.util.HashMap<>(t.getMetadata().getAnnotations() == null
                    ? Map.of() : t.getMetadata().getAnnotations());
            annotations.put(key, value);
            t.getMetadata().setAnnotations(annotations);
            return t;
        });
    }

    private LlmLoadTestStatus status(String name) {
        LlmLoadTest t = client.resources(LlmLoadTest.class).inNamespace(ns).withName(name).get();
        return t == null || t.getStatus() == null ? new LlmLoadTestStatus() : t.getStatus();
    }

    private List<RunRecord> history(String name) {
        List<RunRecord> history = status(name).getHistory();
        return history == null ? List.of() : history;
    }

    private List<Event> events(String name) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    private static RegressionStatus.Row row(RegressionStatus r, String metric) {
        return r.deltas().stream().filter(x -> x.metric().equals(metric)).findFirst().orElseThrow();
    }
}
