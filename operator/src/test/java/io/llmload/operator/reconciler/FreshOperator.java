package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.javaoperatorsdk.operator.Operator;
import io.llmload.operator.autoscaling.AutoscalingWatch;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.config.OperatorClock;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.operator.trigger.TestTriggers;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerClient;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerProgress;
import io.llmload.operator.observe.ServerMetricsWatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * An operator as a new process would start it: a new JOSDK Operator with its own Kubernetes client, informers and
 * caches, and new instances of every class of the operator — nothing shared with the application's operator or an
 * earlier one except the API server and the (stateless) Vert.x instance. Tests that restart the operator stop the
 * application's and start these.
 */
public final class FreshOperator implements AutoCloseable {

    private final Operator operator;
    private final KubernetesClient client;

    private FreshOperator(Operator operator, KubernetesClient client) {
        this.operator = operator;
        this.client = client;
    }

    /** Starts one against the API server {@code like} talks to. */
    public static FreshOperator start(KubernetesClient like, Vertx vertx, OperatorConfig config) {
        return start(like, vertx, config, http -> { });
    }

    /** Starts one whose Kubernetes client's HTTP layer is set up by {@code http} (e.g. an interceptor). */
    public static FreshOperator start(KubernetesClient like, Vertx vertx, OperatorConfig config,
            Consumer<HttpClient.Builder> http) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(like.getConfiguration())
                .withHttpClientBuilderConsumer(http).build();
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .checkingCRDAndValidateLocalModel(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(reconciler(vertx, config));
        operator.start();
        return new FreshOperator(operator, client);
    }

    /** The client this operator uses (tests read the cluster with it after the application's one was stopped). */
    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        operator.stop();
        client.close();
    }

    private static LlmLoadTestReconciler reconciler(Vertx vertx, OperatorConfig config) {
        EventRecorder events = new EventRecorder();
        OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
        RunnerFleet fleet = new RunnerFleet(new RunnerClient(vertx, config), new RunnerProgress(), metrics);
        ServerMetricsWatch serverMetrics = new ServerMetricsWatch(vertx, events);
        MergedGuardrails guardrails = new MergedGuardrails();
        RunDeadlines deadlines = new RunDeadlines(config);
        AutoscalingWatch autoscaling = new AutoscalingWatch();
        TestTriggers triggers = new TestTriggers(new OperatorClock());
        RunTriggers runTriggers = new RunTriggers(triggers, new OperatorClock(), events);
        Finisher finisher = new Finisher(fleet, events, new RunArchive(new ReportConfigMap(), events), runTriggers,
                metrics, serverMetrics, guardrails, autoscaling, config);
        SearchConductor search = new SearchConductor(config, fleet, guardrails);
        TestLifecycle lifecycle = new TestLifecycle(new RunPlanning(deadlines, events, metrics, finisher),
                new RunStart(config, deadlines, fleet, events, guardrails, serverMetrics, autoscaling, finisher,
                        search),
                new RunMonitor(config, deadlines, fleet, events, guardrails, serverMetrics, autoscaling, finisher,
                        search),
                finisher, events, runTriggers);
        return new LlmLoadTestReconciler(lifecycle, new ReconcileErrors(config, events), metrics, triggers);
    }
}
