package io.llmload.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.it.LoopbackRunnersProfile;
import io.llmload.operator.reconciler.TestLifecycle;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.ControlToken;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ClusterRole installed with the operator ({@code config/rbac/cluster_role.yaml}) allows every Kubernetes API
 * call the operator makes, and grants nothing else without a written reason.
 *
 * <p>How it works: the operator runs against the Fabric8 mock API server, which records every HTTP request it
 * receives. The test drives a test through its whole life — created, runners started, Succeeded, re-run on request
 * (which replaces the previous run's plan and report), Succeeded again, deleted — and then maps each recorded request
 * to the attributes the RBAC authorizer checks (API group, resource/subresource, verb: GET of a collection with
 * {@code watch=true} is watch, else list; GET of an item is get; POST create; PUT update; PATCH patch; DELETE
 * delete) and evaluates the ClusterRole's rules on it.
 *
 * <p>Telling the operator's requests from the test's: the operator's Kubernetes client is the application's
 * client (Fabric8's default User-Agent). Everything this test does on the cluster — creating and deleting the
 * LlmLoadTest, playing the Job controller and the kubelet (pods), reading status — goes through its own client
 * with the User-Agent {@value #TEST_AGENT}, and those requests are left out. The mock server is this class's own
 * (a dedicated profile and setup, so Quarkus starts a fresh application and server for it): no other test class's
 * requests can be mixed in, and the operator's startup calls (CRD check, informers' list and watch) are recorded
 * from the first one. The CRD is installed before the operator starts from {@code crds/} (what config/ installs), with {@code crd.apply=false} as in production, so no test-only CRD writes appear either. (Sharing the
 * application with {@code OperatorRunsATestTest} would save a start but not work: that test drives the cluster with
 * the operator's own client bean, so its requests could not be told from the operator's.)
 *
 * <p>JOSDK adds and removes its finalizer with a JSON patch of the LlmLoadTest itself (patch on llmloadtests), not
 * through the finalizers subresource; update on llmloadtests/finalizers is only needed for owner references with
 * blockOwnerDeletion=true, which the test checks on the objects the operator created.
 */
@QuarkusTest
@TestProfile(RbacCoversOperatorCallsTest.ProductionCrdProfile.class)
@WithKubernetesTestServer(crud = true, setup = RbacCoversOperatorCallsTest.InstallCrd.class)
class RbacCoversOperatorCallsTest {

    static final String TEST_AGENT = "llmload-rbac-test";
    private static final String NS = "rbac";
    private static final String NAME = "rbac-check";
    static final String FINALIZER = "llmloadtests.llmload.io/finalizer";

    /** Why delete is granted on kinds the operator only creates (garbage collection removes them with the test). */
    static final String OWNED_CREATE = "Creating an object with ownerReferences requires delete on it under the "
            + "OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift and hardened clusters); the "
            + "mock API server has no admission plugins.";

    /** Why the other kinds spec.autoscaling may name are granted although this test's run watches a Deployment. */
    static final String OTHER_WORKLOAD = "spec.autoscaling may name this kind instead of the Deployment and HPA this "
            + "test's run watches; the operator then makes the same calls on it (get before the run, list + watch of "
            + "its informer on the one object), see io.llmload.operator.autoscaling.";

    /**
     * Grants the run above cannot exercise on the mock API server, each with the reason it is needed on a real
     * cluster. A grant neither observed nor listed here fails the test: remove it from the ClusterRole, or add it
     * here with its reason.
     */
    static final Map<String, String> NEEDED_BUT_NOT_EXERCISED = Map.ofEntries(
            Map.entry("llmload.io llmloadtests get",
            "JOSDK re-reads the LlmLoadTest (GET) when its finalizer patch is rejected with HTTP 409 or 422 "
                    + "(ReconciliationDispatcher.conflictRetryingPatch); the mock API server never rejects it."),
            Map.entry("core configmaps get",
            "Before creating a run's pods the operator checks that the dataset ConfigMaps they mount exist (this "
                    + "test reads no dataset), after an interrupted end whether the report ConfigMap was written, and "
                    + "the run's plan when the informer cache has not seen it yet (timing)."),
            Map.entry("core configmaps update",
            "A report ConfigMap that exists already is replaced (an operator that stopped between the final status "
                    + "and the report writes it again); a re-run removes the previous report first, as here."),
            Map.entry("core events list",
            "While runner pods are missing the operator lists the runner Job's FailedCreate Events (Pod Security, "
                    + "quota); whether a poll falls in the moment before this test creates the pods is timing."),
            Map.entry("core secrets delete", OWNED_CREATE),
            Map.entry("networking.k8s.io networkpolicies delete", OWNED_CREATE),
            Map.entry("apps statefulsets get", OTHER_WORKLOAD),
            Map.entry("apps statefulsets list", OTHER_WORKLOAD),
            Map.entry("apps statefulsets watch", OTHER_WORKLOAD),
            Map.entry("leaderworkerset.x-k8s.io leaderworkersets get", OTHER_WORKLOAD),
            Map.entry("leaderworkerset.x-k8s.io leaderworkersets list", OTHER_WORKLOAD),
            Map.entry("leaderworkerset.x-k8s.io leaderworkersets watch", OTHER_WORKLOAD),
            Map.entry("serving.kserve.io inferenceservices get", OTHER_WORKLOAD),
            Map.entry("serving.kserve.io inferenceservices list", OTHER_WORKLOAD),
            Map.entry("serving.kserve.io inferenceservices watch", OTHER_WORKLOAD),
            Map.entry("keda.sh scaledobjects get", OTHER_WORKLOAD),
            Map.entry("keda.sh scaledobjects list", OTHER_WORKLOAD),
            Map.entry("keda.sh scaledobjects watch", OTHER_WORKLOAD));

    /**
     * Needed only when an object the operator creates names the LlmLoadTest as owner with blockOwnerDeletion=true:
     * the OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift and hardened clusters) then
     * requires update on the owner's finalizers subresource. The test derives it from the objects created.
     */
    static final String OWNER_FINALIZERS = "llmload.io llmloadtests/finalizers update";

    /**
     * Non-resource URLs every authenticated client may call through the default ClusterRoles system:discovery and
     * system:public-info-viewer (bound to system:authenticated); the operator's role need not grant them.
     */
    static final Set<String> DEFAULT_NON_RESOURCE_URLS = Set.of("/api", "/apis", "/version", "/healthz",
            "/livez", "/readyz", "/openapi");

    @KubernetesTestServer
    KubernetesServer server;

    private final List<Worker> workers = new ArrayList<>();
    /** ownerReferences of every object the operator created, as stored. */
    private final List<OwnerReference> ownerReferences = new ArrayList<>();
    private Simulator simulator;
    private KubernetesClient client;
    private int runs;

    /** Production CRD handling: the operator checks the installed CRD but never writes it. */
    public static class ProductionCrdProfile extends LoopbackRunnersProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.operator-sdk.crd.apply", "false");
            return config;
        }
    }

    /** Installs config/crd's CRD before the operator starts, then forgets those requests. */
    public static class InstallCrd implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            try (InputStream in = Files.newInputStream(repoRoot().resolve("crds/llmloadtests.llmload.io-v1.yml"))) {
                server.getClient().resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
                while (server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS) != null) {
                    // drained: the operator has not started yet
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @AfterEach
    void stop() {
        workers.forEach(Worker::close);
        if (simulator != null) {
            simulator.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void clusterRoleAllowsEveryCallOfATestsLifeAndNothingMore() throws Exception {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.getClient().getConfiguration())
                .withUserAgent(TEST_AGENT).build()).build();
        simulator = Simulator.start(SimulatorConfig.defaults());
        // The inference server's pod: the test scrapes it by label (spec.target.metrics source pods), so the
        // operator lists pods with a label selector as it does on a real cluster.
        client.resource(new PodBuilder().withNewMetadata().withName("vllm-0").withNamespace(NS)
                .withLabels(Map.of("app", "vllm")).endMetadata()
                .withNewSpec().addNewContainer().withName("vllm").withImage("vllm").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").endStatus().build()).create();

        // The workload spec.autoscaling names and its HPA: the operator checks they exist and watches them.
        client.resource(new DeploymentBuilder().withNewMetadata().withName("vllm").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).endSpec().withNewStatus().withReadyReplicas(1).endStatus().build())
                .create();
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("vllm").withNamespace(NS)
                .endMetadata().withNewSpec().withMaxReplicas(2).endSpec()
                .withNewStatus().withDesiredReplicas(1).withCurrentReplicas(1).endStatus().build()).create();

        // First run.
        client.resource(chatTest()).create();
        runRunners(awaitJob());
        awaitPhase(LlmLoadTestStatus.PHASE_SUCCEEDED, null);
        String firstReport = status().getReportRef();
        assertThat(firstReport).isEqualTo(NAME + "-run-" + status().getHistory().get(0).id());
        assertThat(status().getServer().source()).as("the server pod was listed and scraped")
                .isEqualTo("pods app=vllm in " + NS);
        assertThat(status().getServer().scrapes()).isPositive();
        // Written right after the final status (the outcome is saved first).
        collectOwners(await().atMost(Duration.ofSeconds(10)).until(() -> client.configMaps().inNamespace(NS)
                .withName(firstReport).get(), cm -> cm != null));
        collectOwners(client.network().v1().networkPolicies().inNamespace(NS).withName(NAME + "-runners").get());
        // docs/install.md names this finalizer (uninstall: remove it by hand only if the operator is gone).
        assertThat(client.resources(LlmLoadTest.class).inNamespace(NS).withName(NAME).get().getMetadata()
                .getFinalizers()).containsExactly(FINALIZER);
        await().atMost(Duration.ofSeconds(10)).until(() -> job() == null);

        // Re-run on request: the operator deletes the previous plan, creates a new one and a new Job, and replaces
        // the report ConfigMap. The pods of the deleted Job go away (the job controller's part).
        workers.forEach(Worker::close);
        workers.clear();
        client.pods().inNamespace(NS).withLabel("llmload.io/test", NAME).delete();
        client.resources(LlmLoadTest.class).inNamespace(NS).withName(NAME)
                .edit(t -> {
                    t.getMetadata().setAnnotations(Map.of(TestLifecycle.RERUN_ANNOTATION, "1"));
                    return t;
                });
        runRunners(awaitJob());
        awaitPhase(LlmLoadTestStatus.PHASE_SUCCEEDED, "1");
        // history.limit 1: the first run's report is pruned with it.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.configMaps().inNamespace(NS).withName(firstReport)
                .get() == null);

        // Deletion: the Cleaner stops the runners and removes the Job, then the finalizer goes.
        client.resources(LlmLoadTest.class).inNamespace(NS).withName(NAME).delete();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.resources(LlmLoadTest.class).inNamespace(NS).withName(NAME).get() == null);

        List<RecordedRequest> recorded = quietThenDrain();
        Map<Boolean, List<RecordedRequest>> byClient = recorded.stream()
                .collect(Collectors.partitioningBy(r -> TEST_AGENT.equals(r.getHeader("User-Agent"))));
        List<RecordedRequest> operatorRequests = byClient.get(false);
        assertThat(byClient.get(true)).as("the test's own requests are recognised").isNotEmpty();
        assertThat(operatorRequests).as("requests of the operator's client")
                .allSatisfy(r -> assertThat(r.getHeader("User-Agent")).startsWith("fabric8-kubernetes-client/"));

        Map<String, ApiAccess> accesses = new TreeMap<>();
        for (RecordedRequest request : operatorRequests) {
            ApiAccess access = ApiAccess.of(request.getMethod(), request.getPath());
            accesses.putIfAbsent(access.toString(), access);
        }
        System.out.println("Kubernetes API calls of the operator (" + operatorRequests.size() + " requests):");
        accesses.keySet().forEach(a -> System.out.println("  " + a));

        // Not vacuous: the calls that make up a test's life are all there.
        Set<String> observed = accesses.values().stream().filter(ApiAccess::isResource).map(ApiAccess::permission)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(observed).contains(
                "apiextensions.k8s.io customresourcedefinitions get",
                "llmload.io llmloadtests list", "llmload.io llmloadtests watch",
                "llmload.io llmloadtests/status update",
                "core configmaps create", "batch jobs create", "batch jobs delete",
                "core secrets create", "core secrets watch", "networking.k8s.io networkpolicies create",
                "core pods list", "core pods watch", "core events create", "core configmaps delete",
                "apps deployments get", "apps deployments list", "apps deployments watch",
                "autoscaling horizontalpodautoscalers get", "autoscaling horizontalpodautoscalers list",
                "autoscaling horizontalpodautoscalers watch");

        Path rolePath = repoRoot().resolve("config/rbac/cluster_role.yaml");
        RoleRules role = RoleRules.load(rolePath);
        assertThat(role.wildcards()).as("wildcards in " + rolePath).isEmpty();

        List<String> denied = accesses.values().stream()
                .filter(a -> a.isResource() ? !role.allows(a) : !isDefaultNonResourceUrl(a.path()) && !role.allows(a))
                .map(ApiAccess::toString).toList();
        assertThat(denied)
                .withFailMessage("%s does not allow these calls of the operator (add rules for them):%n  %s",
                        rolePath, String.join(System.lineSeparator() + "  ", denied))
                .isEmpty();

        // Owner references with blockOwnerDeletion=true need update on the owner's finalizers (see OWNER_FINALIZERS).
        boolean blocksOwnerDeletion = ownerReferences.stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getBlockOwnerDeletion()));
        if (blocksOwnerDeletion) {
            assertThat(role.allows(new ApiAccess("update", "llmload.io", "llmloadtests", "finalizers", NS, NAME,
                    null))).as(rolePath + " must grant " + OWNER_FINALIZERS + ": the operator creates objects "
                            + "owned by the LlmLoadTest with blockOwnerDeletion=true").isTrue();
            observed.add(OWNER_FINALIZERS);
        }

        List<String> unjustified = role.grants().stream()
                .filter(g -> !observed.contains(g) && !NEEDED_BUT_NOT_EXERCISED.containsKey(g)).toList();
        assertThat(unjustified)
                .withFailMessage("%s grants more than the operator uses (least privilege): %s%nRemove these "
                        + "verbs, or list them in NEEDED_BUT_NOT_EXERCISED with the reason a real cluster needs "
                        + "them.", rolePath, unjustified)
                .isEmpty();
        List<String> missingNeeds = NEEDED_BUT_NOT_EXERCISED.keySet().stream()
                .filter(g -> !role.grants().contains(g)).toList();
        assertThat(missingNeeds)
                .withFailMessage("%s lacks %s, needed on a real cluster: %s", rolePath, missingNeeds,
                        NEEDED_BUT_NOT_EXERCISED)
                .isEmpty();
    }

    private void collectOwners(HasMetadata created) {
        assertThat(created).isNotNull();
        assertThat(created.getMetadata().getOwnerReferences()).as("owner of " + created.getMetadata().getName())
                .isNotEmpty();
        ownerReferences.addAll(created.getMetadata().getOwnerReferences());
    }

    private static boolean isDefaultNonResourceUrl(String path) {
        return DEFAULT_NON_RESOURCE_URLS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** Waits until the operator has been quiet for a moment, then takes every request the server recorded. */
    private List<RecordedRequest> quietThenDrain() throws InterruptedException {
        int count = -1;
        while (count != server.getKubernetesMockServer().getRequestCount()) {
            count = server.getKubernetesMockServer().getRequestCount();
            Thread.sleep(1_500);
        }
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest next;
        while ((next = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            all.add(next);
        }
        return all;
    }

    private LlmLoadTest chatTest() {
        return Serialization.unmarshal("apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: " + NAME + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim, metrics: {source: pods, "
                + "podSelector: {app: vllm}, port: " + simulator.port() + ", interval: 200ms}}\n"
                + "  workload:\n"
                + "    mix:\n"
                + "      - {name: chat, api: chat, prompt: {inputTokens: {value: 32}}, output: {maxTokens: {value: 16}}}\n"
                + "  load:\n"
                + "    model: closed\n"
                + "    warmup: 300ms\n"
                + "    stages:\n"
                + "      - {name: only, duration: 1s, users: 2}\n"
                + "  autoscaling:\n"
                + "    target: {apiVersion: apps/v1, kind: Deployment, name: vllm}\n"
                + "    autoscaler: {kind: HorizontalPodAutoscaler, name: vllm}\n"
                + "  runners: {replicas: 2}\n"
                + "  history: {limit: 1}\n", LlmLoadTest.class);
    }

    private Job job() {
        return client.batch().v1().jobs().inNamespace(NS).withName(NAME + "-runners").get();
    }

    private Job awaitJob() {
        return await().atMost(Duration.ofSeconds(30)).until(this::job, j -> j != null);
    }

    private LlmLoadTestStatus status() {
        LlmLoadTest test = client.resources(LlmLoadTest.class).inNamespace(NS).withName(NAME).get();
        return test == null || test.getStatus() == null ? new LlmLoadTestStatus() : test.getStatus();
    }

    private void awaitPhase(String phase, String rerunOf) {
        await().atMost(Duration.ofSeconds(60)).until(this::status, s -> java.util.Objects.equals(rerunOf,
                s.getRerunOf()) && (phase.equals(s.getPhase()) || LlmLoadTestStatus.PHASE_FAILED.equals(s.getPhase())));
        assertThat(status().getPhase()).as(status().getMessage()).isEqualTo(phase);
    }

    /** The job controller and kubelet: one in-process runner per index on its loopback IP, its pod Ready. */
    private void runRunners(Job job) {
        runs++;
        ConfigMap plan = client.configMaps().inNamespace(NS).withName(NAME + "-plan").get();
        collectOwners(job);
        collectOwners(plan);
        WorkerPlan workerPlan = WorkerPlan.fromJson(plan.getData().get("plan.json"));
        Secret token = client.secrets().inNamespace(NS).withName(NAME + "-runner-token").get();
        collectOwners(token);
        ControlToken controlToken = ControlToken.of(new String(Base64.getDecoder().decode(token.getData()
                .get("token")), StandardCharsets.US_ASCII));
        for (int i = 0; i < job.getSpec().getCompletions(); i++) {
            String ip = "127.0.0." + (i + 1);
            Worker worker = new Worker(workerPlan, i, null, ip).requireToken(controlToken);
            worker.start();
            workers.add(worker);
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-" + i + "-run" + runs)
                    .withNamespace(NS)
                    .withLabels(runnerPodLabels(job))
                    .withAnnotations(Map.of("batch.kubernetes.io/job-completion-index", Integer.toString(i)))
                    .withCreationTimestamp(Instant.now().toString())
                    .endMetadata()
                    .withNewSpec().addNewContainer().withName("runner").withImage("llmload-runner").endContainer()
                    .endSpec()
                    .withNewStatus().withPhase("Running").withPodIP(ip)
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .endStatus()
                    .build();
            client.resource(pod).create();
        }
    }

    /** The Job template's labels plus the Job's UID, as the Job controller sets them. */
    private static Map<String, String> runnerPodLabels(Job job) {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("batch.kubernetes.io/controller-uid", job.getMetadata().getUid());
        return labels;
    }

    static Path repoRoot() {
        return RepoFiles.root();
    }
}
