package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.config.LeaderElection;
import io.llmload.operator.config.LeaderElectionSettings;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.rbac.ApiAccess;
import io.llmload.operator.rbac.RepoFiles;
import io.llmload.operator.rbac.RoleRules;
import io.llmload.operator.reconciler.LlmLoadTestReconciler;
import io.llmload.operator.reconciler.ReconcileErrors;
import io.llmload.operator.reconciler.TestLifecycle;
import io.llmload.operator.trigger.TestTriggers;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas with leader election on one API server: only the one holding the Lease reconciles, and when
 * it stops the other takes the Lease over and finishes the test it started. Each replica is a JOSDK {@link Operator}
 * with its own client, told apart in the server's request log by its User-Agent. The Lease settings and callbacks
 * are the production ones ({@link LeaderElection#configuration}) with shorter, still generous, durations.
 *
 * <p>The RBAC of config/manager/leader_election_role.yaml is checked twice: JOSDK asks the API server at startup what
 * it may do with Leases (a SelfSubjectRulesReview, answered here with that Role's rules, so a missing verb fails
 * the start), and every Lease call of both replicas must be allowed by the Role in its namespace.
 */
@QuarkusTest
@TestProfile(RestartProfile.class)
@WithKubernetesTestServer(crud = true)
class LeaderElectionTest {

    private static final String NS = "ha";
    /** The operator's namespace in config/default: where the Lease and its Role live. */
    private static final String OPERATOR_NS = "llmload-system";
    private static final String LEASE = "llmload-operator-lease";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @Inject
    TestLifecycle lifecycle;

    @Inject
    ReconcileErrors errors;

    @Inject
    TestTriggers triggers;

    @Inject
    OperatorMetrics metrics;

    @Test
    void onlyTheLeaderReconcilesAndTheFollowerTakesOverWhenTheLeaderStops() throws Exception {
        // The application's operator runs without leader election (test profile): the two replicas replace it.
        operator.stop();
        RoleRules leaseRole = RoleRules.load(RepoFiles.root().resolve("config/manager/leader_election_role.yaml"));
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, rulesReview(leaseRole)).always();
        drainRequests();

        try (KubernetesClient admin = clientAs("llmload-ha-test");
                Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(admin, NS, 40);
                Replica a = new Replica("operator-a");
                Replica b = new Replica("operator-b")) {
            a.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> holder(admin), "operator-a"::equals);
            b.start();

            admin.resource(Manifests.chatTest("ha", NS, simulator.baseUrl(), 2, "")).create();
            Job job = cluster.awaitJob("ha-runners");
            cluster.runPods(job, cluster.plan("ha-plan"));
            await().atMost(Duration.ofSeconds(30)).until(() -> status(admin).getProgress() != null);

            List<RecordedRequest> whileALeads = drainRequests();
            assertThat(writes(whileALeads, "operator-a")).as("the leader reconciles").isNotEmpty();
            assertThat(writes(whileALeads, "operator-b")).as("the follower writes nothing").isEmpty();
            assertThat(a.lostLeadership).as("operator-a kept the Lease while running").isFalse();
            // What the readiness probe checks (quarkus-operator-sdk's health check): a follower passes it, so a
            // rolling update can start the new pod while the old one still leads.
            assertThat(b.replica.getRuntimeInfo().isStarted()).as("the follower is started").isTrue();
            assertThat(b.replica.getRuntimeInfo().allEventSourcesAreHealthy()).as("the follower's informers")
                    .isTrue();

            a.stop();
            List<RecordedRequest> untilStopped = drainRequests();
            assertThat(writes(untilStopped, "operator-b")).as("no write by operator-b before operator-a stopped")
                    .isEmpty();
            await().atMost(Duration.ofSeconds(90)).until(() -> status(admin).getPhase(),
                    p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
            LlmLoadTestStatus status = status(admin);
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertThat(status.getRunners().finished()).isEqualTo(2);
            // The report is written right after the final status (the outcome is saved first).
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.configMaps().inNamespace(NS).withName(status.getReportRef()).get() != null);

            // The server's log in arrival order: operator-b writes only once operator-a has stopped, and nothing of
            // operator-a comes after it. (A reconcile of operator-a still running when stop() returned may finish;
            // operator-a keeps renewing the Lease until then, so operator-b cannot lead yet.)
            List<RecordedRequest> all = new ArrayList<>(whileALeads);
            all.addAll(untilStopped);
            int stoppedAt = all.size();
            all.addAll(drainRequests());
            List<String> writers = all.stream().map(LeaderElectionTest::writer).toList();
            int firstWriteOfB = writers.indexOf("operator-b");
            assertThat(firstWriteOfB).as("the new leader finishes the test").isNotNegative();
            assertThat(firstWriteOfB).as("operator-b writes only after operator-a stopped")
                    .isGreaterThanOrEqualTo(stoppedAt);
            assertThat(writes(all.subList(firstWriteOfB, all.size()), "operator-a"))
                    .as("operator-a writes nothing once operator-b leads").isEmpty();
            Lease lease = admin.leases().inNamespace(OPERATOR_NS).withName(LEASE).get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("operator-b");
            assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
            assertThat(b.lostLeadership).isFalse();

            assertLeaseCallsAllowed(all, leaseRole);
        }
    }

    /** Every Lease call of both replicas is allowed by the Role, in the Role's namespace. */
    private static void assertLeaseCallsAllowed(List<RecordedRequest> requests, RoleRules role) {
        List<ApiAccess> leaseCalls = requests.stream()
                .filter(r -> Set.of("operator-a", "operator-b").contains(r.getHeader("User-Agent")))
                .map(r -> ApiAccess.of(r.getMethod(), r.getPath()))
                .filter(access -> "leases".equals(access.resource())).toList();
        assertThat(leaseCalls).extracting(ApiAccess::verb).contains("get", "create", "patch");
        assertThat(leaseCalls).allSatisfy(access -> {
            assertThat(access.namespace()).isEqualTo(OPERATOR_NS);
            assertThat(role.allows(access)).as("config/manager/leader_election_role.yaml allows " + access).isTrue();
        });
    }

    /** POST, PUT, PATCH and DELETE of the given replica, leader election itself left out. */
    private static List<String> writes(List<RecordedRequest> requests, String agent) {
        return requests.stream().filter(r -> agent.equals(writer(r))).map(r -> r.getMethod() + " " + r.getPath())
                .toList();
    }

    /** The User-Agent of a write other than leader election's own, else null. */
    private static String writer(RecordedRequest request) {
        boolean write = !"GET".equals(request.getMethod()) && !request.getPath().contains("/leases")
                && !request.getPath().contains("/selfsubjectrulesreviews");
        return write ? request.getHeader("User-Agent") : null;
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest next;
        while ((next = server.getKubernetesMockServer().takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            requests.add(next);
        }
        return requests;
    }

    /** What the API server would answer for the operator's ServiceAccount bound to the given Role. */
    private static SelfSubjectRulesReview rulesReview(RoleRules role) {
        List<ResourceRule> rules = role.rules().stream()
                .map(rule -> new ResourceRule(rule.getApiGroups(), rule.getResourceNames(), rule.getResources(),
                        rule.getVerbs()))
                .toList();
        return new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(OPERATOR_NS).endSpec()
                .withNewStatus().withIncomplete(false).withResourceRules(rules).endStatus().build();
    }

    private KubernetesClient clientAs(String userAgent) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(userAgent).build()).build();
    }

    private static String holder(KubernetesClient admin) {
        Lease lease = admin.leases().inNamespace(OPERATOR_NS).withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static LlmLoadTestStatus status(KubernetesClient admin) {
        LlmLoadTest test = admin.resources(LlmLoadTest.class).inNamespace(NS).withName("ha").get();
        return test == null || test.getStatus() == null ? new LlmLoadTestStatus() : test.getStatus();
    }

    /** Lease timings for a busy 2-core machine: a renewal may be late by seconds without losing the lead. */
    private record TestLease() implements LeaderElectionSettings {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public String leaseName() {
            return LEASE;
        }

        @Override
        public Optional<String> leaseNamespace() {
            return Optional.of(OPERATOR_NS);
        }

        @Override
        public Duration leaseDuration() {
            return Duration.ofSeconds(8);
        }

        @Override
        public Duration renewDeadline() {
            return Duration.ofSeconds(6);
        }

        @Override
        public Duration retryPeriod() {
            return Duration.ofMillis(500);
        }
    }

    /** One operator replica: its own client (User-Agent = identity), the production reconciler and Lease settings. */
    private final class Replica implements AutoCloseable {
        final KubernetesClient replicaClient;
        final Operator replica;
        volatile boolean lostLeadership;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Replica(String identity) {
            replicaClient = clientAs(identity);
            replica = new Operator(o -> o.withKubernetesClient(replicaClient)
                    .withCloseClientOnStop(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withLeaderElectionConfiguration(LeaderElection.configuration(new TestLease(), identity,
                            () -> lostLeadership = !stopped.get())));
            replica.register(new LlmLoadTestReconciler(lifecycle, errors, metrics, triggers));
        }

        void start() {
            replica.start();
        }

        void stop() {
            if (stopped.compareAndSet(false, true)) {
                replica.stop();
            }
        }

        @Override
        public void close() {
            stop();
            replicaClient.close();
        }
    }
}
